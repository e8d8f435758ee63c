"""Slot templates (seed 001): generate a day's sessions for an event, skipping Japanese public
holidays (jpholiday keeps the Cabinet Office's list, substitute holidays included)."""

import datetime

import jpholiday
from django.db import transaction
from django.utils import timezone

from .models import Session

# name → (label, [(start, end)], in-person seats per slot, online seats: None unlimited / 0 none)
TEMPLATES = {
    "weekday_individual": ("平日個別相談（4枠×2組）",
                           [("10:00", "11:00"), ("11:15", "12:15"), ("13:15", "14:15"), ("14:30", "15:30")], 2, 0),
    "weekend_individual": ("土日個別相談（2枠×2組）", [("15:15", "16:15"), ("16:30", "17:30")], 2, 0),
    "family_seminar": ("家族セミナー（来所15名・オンライン無制限）", [("13:00", "15:00")], 15, None),
    "roaming": ("巡回相談（45分×6枠）",
                [("10:00", "10:45"), ("11:00", "11:45"), ("13:00", "13:45"), ("14:00", "14:45"),
                 ("15:00", "15:45"), ("16:00", "16:45")], 1, 0),
}


def _at(day, hhmm):
    hour, minute = map(int, hhmm.split(":"))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def holiday_name(day):
    return jpholiday.is_holiday_name(day)


@transaction.atomic
def generate_sessions(event, days, template):
    """Create the template's sessions on each day that is not a public holiday. Returns
    (sessions created, [(day, holiday name)] skipped)."""
    _label, slots, in_person, online = TEMPLATES[template]
    created, skipped = [], []
    for day in days:
        name = holiday_name(day)
        if name:
            skipped.append((day, name))
            continue
        for start, end in slots:
            created.append(Session.objects.create(event=event, starts_at=_at(day, start), ends_at=_at(day, end),
                                                  capacity_in_person=in_person, capacity_online=online))
    return created, skipped
