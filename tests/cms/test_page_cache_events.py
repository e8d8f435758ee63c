"""The anonymous page cache and events changed by their organiser in the admin: a new title or
deadline, and new sessions, show on the cached event lists and calendars on the next request;
another municipality's coordinator is refused and changes nothing a visitor sees."""

import datetime

import jpholiday
import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.tenants.helpers import refused
from tests.training.events.helpers import make_event

from .page_cache_helpers import cached, page_cache  # noqa: F401 (fixture)

LISTS = ["/events/", "/events/ical/", "/events/?municipality=shinjuku", "/events/ical/?municipality=shinjuku"]


@pytest.fixture
def event(shinjuku):
    event, _sessions = make_event(title="新宿区 家族セミナー", municipality=shinjuku, kind="family_seminar")
    return event


def edit_data(event, **overrides):
    deadline = timezone.localtime(event.deadline)
    data = {"kind": event.kind, "audience": event.audience, "title": event.title, "title_kana": "",
            "municipality": event.municipality_id, "venue": event.venue, "address": event.address,
            "description": event.description, "deadline": deadline.strftime("%Y-%m-%d %H:%M"),
            "waiting_list": "on", "max_per_group": "", "min_age": "", "max_age": "",
            "application_method": event.application_method, "contact_phone": event.contact_phone,
            "published": "on"}
    data.update(overrides)
    return data


def summaries(response):
    return [str(item["SUMMARY"]) for item in Calendar.from_ical(response.content).walk("VEVENT")]


def starts(response):
    return {timezone.localtime(item["DTSTART"].dt) for item in Calendar.from_ical(response.content).walk("VEVENT")}


def test_organiser_editing_title_and_deadline_shows_on_the_cached_lists_and_calendars(client, page_cache,
                                                                                     as_shinjuku, event):
    for path in LISTS:
        assert "新宿区 家族セミナー" in cached(client, path).content.decode(), path
    deadline = timezone.localtime(event.deadline).replace(hour=12, minute=30)
    response = as_shinjuku.post(reverse("events:edit", args=[event.pk]), edit_data(
        event, title="新宿区 家族セミナー（会場変更）", deadline=deadline.strftime("%Y-%m-%d %H:%M")))
    assert response.status_code == 302, response.content.decode()[:3000]
    for path in LISTS:
        after = client.get(path)
        assert after["X-Page-Cache"] == "miss", path
        assert "新宿区 家族セミナー（会場変更）" in after.content.decode(), path
    assert "12:30" in client.get("/events/").content.decode()
    assert set(summaries(client.get("/events/ical/"))) >= {"新宿区 家族セミナー（会場変更）"}


def test_sessions_added_by_the_organiser_show_on_the_cached_calendar(client, page_cache, as_shinjuku, event):
    before = starts(cached(client, "/events/ical/"))
    cached(client, "/events/")
    day = timezone.localdate() + datetime.timedelta(days=30)
    while day.weekday() != 2 or jpholiday.is_holiday(day):  # a working Wednesday: the template skips holidays
        day += datetime.timedelta(days=1)
    response = as_shinjuku.post(reverse("event_manage", args=[event.pk]), {
        "action": "slots", "slots-template": "weekday_individual", "slots-dates": day.strftime("%Y/%m/%d")})
    assert response.status_code == 302
    after = client.get("/events/ical/")
    assert after["X-Page-Cache"] == "miss"
    added = starts(after) - before
    assert added and {start.date() for start in added} == {day}
    assert f"{day.month}月{day.day}日" in client.get("/events/").content.decode()


def test_another_municipalitys_coordinator_changes_no_event_list(client, page_cache, as_bunkyo, event):
    before = {path: cached(client, path).content for path in LISTS}
    assert refused(as_bunkyo.post(reverse("events:edit", args=[event.pk]), edit_data(event, title="乗っ取り")))
    assert refused(as_bunkyo.post(reverse("event_manage", args=[event.pk]), {
        "action": "slots", "slots-template": "weekday_individual", "slots-dates": "2027/01/13"}))
    for path, body in before.items():
        after = client.get(path)
        assert after["X-Page-Cache"] == "hit" and after.content == body, path
    event.refresh_from_db()
    assert event.title == "新宿区 家族セミナー" and event.sessions.count() == 2
