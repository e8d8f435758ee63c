"""django-q2 entry points for the expert bank."""

import datetime

from django.utils import timezone

from . import notifications
from .reminders import send_consultation_reminders


def notify(consultation_id, event):
    return notifications.send(consultation_id, event)


def consultation_reminders():
    return send_consultation_reminders()


def ensure_schedules():
    """Consultation reminders daily at 08:30 JST; idempotent."""
    from django_q.models import Schedule

    name = "training: consultation reminders"
    if not Schedule.objects.filter(name=name).exists():
        first = timezone.localtime().replace(hour=8, minute=30, second=0, microsecond=0)
        if first <= timezone.localtime():
            first += datetime.timedelta(days=1)
        Schedule.objects.create(name=name, func="training.tasks.consultation_reminders",
                                schedule_type=Schedule.DAILY, next_run=first)
