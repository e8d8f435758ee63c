"""Daily django-q2 schedules, created idempotently by bootstrap_tokyo.

Several processes may call ensure_daily at once (two app servers running migrate and
bootstrap_tokyo as they start, a deployment script beside a running one): django-q2 has no unique
constraint on Schedule.name, and two rows of one name would run the task twice a day. So the
check and the insert run in one transaction that holds a lock on the name, and duplicates left by
older versions are removed."""

import datetime
import zlib

from django.db import connection, transaction
from django.utils import timezone


def _lock_schedule_name(name):
    """Serialise ensure_daily for one name until the transaction ends. PostgreSQL: an advisory
    transaction lock on the name. SQLite: our settings open every transaction IMMEDIATE, which
    already takes the database's write lock at BEGIN (cms/settings/base.py)."""
    if connection.vendor == "postgresql":
        key = zlib.crc32(f"tsunagu.schedule:{name}".encode())
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def ensure_daily(name, func, hour, minute=0):
    """Run `func` every day at hour:minute Japan time, from the next such moment; an existing
    schedule of that name (perhaps changed by an administrator) is kept, and only the oldest of
    several is. Returns the schedule."""
    from django_q.models import Schedule

    with transaction.atomic():
        _lock_schedule_name(name)
        existing = list(Schedule.objects.filter(name=name).order_by("pk"))
        if existing:
            Schedule.objects.filter(pk__in=[s.pk for s in existing[1:]]).delete()
            return existing[0]
        first = timezone.localtime().replace(hour=hour, minute=minute, second=0, microsecond=0)
        if first <= timezone.localtime():
            first += datetime.timedelta(days=1)
        return Schedule.objects.create(name=name, func=func, schedule_type=Schedule.DAILY, next_run=first)
