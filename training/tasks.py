"""django-q2 entry points of the app, for the events and the expert bank. Queued tasks and
schedules store these dotted paths (training.tasks.<name>) in the database, so the names stay
here and the work is done in training.events and training.expertbank."""

from tenants.schedules import ensure_daily

from .events import emails as booking_emails
from .events.retention import erase_personal_data
from .expertbank import emails as notifications
from .expertbank.reminders import send_consultation_reminders


def notify(consultation_id, event):
    return notifications.send(consultation_id, event)


def consultation_reminders():
    return send_consultation_reminders()


def booking_email(application_id, kind):
    return booking_emails.send(application_id, kind)


def erase_applicants_personal_data():
    return erase_personal_data()


SCHEDULES = [  # (name, function, hour, minute) daily, JST
    ("training: consultation reminders", "training.tasks.consultation_reminders", 8, 30),
    ("training: erase applicants' personal data", "training.tasks.erase_applicants_personal_data", 3, 0),
]


def ensure_schedules():
    """The daily runs of this app; idempotent."""
    for name, func, hour, minute in SCHEDULES:
        ensure_daily(name, func, hour, minute)
