"""What the pipeline puts on the metropolitan coordinator's list of the day's work
(tenants.work_list): next steps that are overdue and agreements ending soon."""

from django.urls import reverse
from django.utils.translation import gettext as _

from tenants import access
from tenants.jpdates import japanese_date
from tenants.work_list import WorkItem

from . import stats


def items_for(user):
    if not access.is_metro_coordinator(user):
        return []
    overdue, ending = stats.overdue_prospects(), stats.expiring_agreements()
    return [
        WorkItem(_("Pipeline next steps overdue"), overdue.count(), reverse("agreements_dashboard"),
                 details=[f"{p.organisation}（{_day(p.next_step_on)}）" for p in overdue[:5]], order=10),
        WorkItem(_("Agreements ending within 60 days"), ending.count(),
                 reverse("wagtailsnippets_agreements_agreement:list"),
                 details=[f"{a.organisation}（{_day(a.valid_until)}まで）" for a in ending[:5]], order=15),
    ]


def _day(value):
    return japanese_date(value, weekday=False)
