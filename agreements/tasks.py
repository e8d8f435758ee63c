"""django-q2 entry points (scheduled daily by bootstrap_tokyo)."""

from .reminders import send_daily_reminders


def daily_reminders():
    return send_daily_reminders()


def ensure_schedules():
    """The daily reminder run at 08:00 JST; idempotent."""
    import datetime

    from django.utils import timezone
    from django_q.models import Schedule

    name = "agreements: daily reminders"
    if not Schedule.objects.filter(name=name).exists():
        first = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
        if first <= timezone.localtime():
            first += datetime.timedelta(days=1)
        Schedule.objects.create(name=name, func="agreements.tasks.daily_reminders",
                                schedule_type=Schedule.DAILY, next_run=first)
