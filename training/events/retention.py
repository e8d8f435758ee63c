"""Personal data of applicants is kept only as long as needed: N days after an event's last
session (setting TSUNAGU_BOOKING_RETENTION_DAYS), names, phone numbers and email addresses are
erased. The rows stay, with municipality, relation, age band and attendance, for statistics."""

import datetime

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from ..models import Application, Event

PERSONAL_FIELDS = {"name": "", "name_kana": "", "phone": "", "phone_digits": "", "email": ""}


def retention_days():
    return settings.TSUNAGU_BOOKING_RETENTION_DAYS


def erase_personal_data(now=None):
    """Returns how many applications were erased."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=retention_days())
    finished = Event.objects.annotate(last_end=Max("sessions__ends_at")).filter(last_end__lt=cutoff)
    return (Application.objects.filter(event__in=finished.values("pk"), erased_at__isnull=True)
            .update(erased_at=now, **PERSONAL_FIELDS))
