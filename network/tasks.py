"""django-q2 entry points of the support network. Schedules and queued tasks name these
functions by their dotted path (network.tasks.<name>), stored in the database: keep the names;
the work itself lives in the subpackages."""

import datetime
from collections import Counter

from tenants.schedules import ensure_daily

from .cases import retention
from .profiles import emails, reminders


def send_invitation(invitation_id):
    """Email the invitation link (queued by network.profiles.services.invite)."""
    return emails.send_invitation(invitation_id)


def profile_reminders(today=None):
    """`today` (an ISO date, in the schedule's kwargs) runs the check as of that day: to redo a
    missed April run after the 1st, or to make it due in a test outside April."""
    return reminders.send_profile_reminders(datetime.date.fromisoformat(today) if today else None)


def anonymise_closed_cases():
    """The task's result counts the anonymised cases and the consent scans deleted or missing."""
    report = {"cases": 0, "scans_deleted": 0, "scans_missing": 0}
    counts = Counter()
    retention.anonymise_expired(report=counts)
    report.update(counts)
    return report


def ensure_schedules():
    """The profile reminder check runs daily at 09:00 JST (it acts in April only); closed case
    reviews past their retention period are anonymised at 03:30 JST. Idempotent."""
    ensure_daily("network: yearly profile reminders", "network.tasks.profile_reminders", 9)
    ensure_daily("network: anonymise closed case reviews", "network.tasks.anonymise_closed_cases", 3, 30)
