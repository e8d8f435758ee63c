"""Daily django-q2 schedules, created idempotently by bootstrap_tokyo."""

import datetime

from django.utils import timezone


def ensure_daily(name, func, hour, minute=0):
    """Run `func` every day at hour:minute Japan time, from the next such moment; an existing
    schedule of that name (perhaps changed by an administrator) is kept."""
    from django_q.models import Schedule

    if Schedule.objects.filter(name=name).exists():
        return
    first = timezone.localtime().replace(hour=hour, minute=minute, second=0, microsecond=0)
    if first <= timezone.localtime():
        first += datetime.timedelta(days=1)
    Schedule.objects.create(name=name, func=func, schedule_type=Schedule.DAILY, next_run=first)
