import datetime

from django.utils import timezone

from training.models import Event, Session


def jst(y, m, d, hh=0, mm=0, ss=0):
    return timezone.make_aware(datetime.datetime(y, m, d, hh, mm, ss))


def make_event(days_ahead=14, seats=2, online=0, waiting_list=True, kind="weekday_individual", **fields):
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    deadline_day = day - datetime.timedelta(days=4)
    event = Event.objects.create(
        kind=kind, title=fields.pop("title", "平日個別相談会"), venue=fields.pop("venue", "足立"),
        deadline=timezone.make_aware(datetime.datetime.combine(deadline_day, datetime.time(17))),
        waiting_list=waiting_list, published=True, **fields)
    sessions = [Session.objects.create(
        event=event, starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(h))),
        ends_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(h + 1))),
        capacity_in_person=seats, capacity_online=online) for h in (10, 13)]
    return event, sessions


def person(n=1, **overrides):
    data = {"name": f"申込 太郎{n}", "name_kana": "もうしこみ たろう", "phone": f"090-1234-{n:04d}",
            "email": f"applicant{n}@example.jp", "relation": "parent", "person_age": 25, "person_gender": "male"}
    data.update(overrides)
    return data
