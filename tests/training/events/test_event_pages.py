"""The public finds events, applies online with the seed's form, gets a confirmation with a
cancellation link, and subscribes to the calendar; coordinators manage their own events."""

import csv
import datetime
import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from network.profiles.services import grant_editor
from tests.conftest import client_for
from tests.network.profiles_helpers import make_organisation
from tests.tenants.helpers import refused
from training.events import services as bookings
from training.events import services as slots  # the slot templates live with the bookings
from training.models import Application, Event, Session

from .helpers import make_event, person

Status = Application.Status


def form_data(sessions, **overrides):
    from tenants.models import Municipality

    data = {"name": "山田 花子", "name_kana": "やまだ はなこ",
            "residence": Municipality.objects.get(slug="adachi").pk, "phone": "０３－１２３４－５６７８",
            "email": "hanako@example.jp", "relation": "parent", "person_municipality": "", "person_age": "28",
            "person_gender": "male", "mode": "in_person", "preference_1": sessions[0].pk,
            "preference_2": sessions[1].pk if len(sessions) > 1 else "", "preference_3": ""}
    data.update(overrides)
    return data


@pytest.fixture
def event(db, shinjuku):
    event, sessions = make_event(seats=1, title="平日個別相談会 第1回", address="東京都足立区千住")
    return event


def test_listing_shows_published_upcoming_events_only(client, event):
    Event.objects.create(kind="training", title="非公開の研修", venue="都庁", published=False,
                         deadline=timezone.now() + datetime.timedelta(days=3))
    body = client.get(reverse("event_list")).content.decode()
    assert "平日個別相談会 第1回" in body and "非公開の研修" not in body


def test_public_applies_online_and_can_cancel_with_the_emailed_link(
        client, event, shinjuku, django_capture_on_commit_callbacks):
    sessions = list(event.sessions.all())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("event_detail", args=[event.pk]),
                               form_data(sessions, residence=shinjuku.pk, person_municipality=shinjuku.pk))
    assert response.status_code == 200
    assert "確定しました" in response.content.decode()
    application = Application.objects.get()
    assert application.phone == "03-1234-5678" and application.session == sessions[0]
    message = mail.outbox[-1]
    assert message.to == ["hanako@example.jp"] and "確定" in message.subject
    link = re.search(r"/events/cancel/[^\s/]+/", message.body).group(0)
    assert "キャンセルする" in client.get(link).content.decode()
    client.post(link)
    assert Application.objects.get().status == Status.CANCELLED
    sessions[0].refresh_from_db()
    assert sessions[0].booked_in_person == 0


def test_bad_application_is_shown_in_japanese_and_nothing_is_written(client, event):
    sessions = list(event.sessions.all())
    response = client.post(reverse("event_detail", args=[event.pk]), form_data(sessions, phone="123"))
    assert response.status_code == 400
    assert "電話番号" in response.content.decode()
    response = client.post(reverse("event_detail", args=[event.pk]),
                           form_data(sessions, preference_2=sessions[0].pk))
    body = response.content.decode()
    assert "1回だけ" in body, body[body.find("<form"):body.find("</form>")][:1500]
    assert not Application.objects.exists()


def test_closed_event_shows_no_form_and_refuses_posts(client, event):
    Event.objects.filter(pk=event.pk).update(deadline=timezone.now() - datetime.timedelta(minutes=1))
    page = client.get(reverse("event_detail", args=[event.pk])).content.decode()
    assert "締め切りました" in page and 'name="preference_1"' not in page
    client.post(reverse("event_detail", args=[event.pk]), form_data(list(event.sessions.all())))
    assert not Application.objects.exists()


def test_tampered_cancellation_link_is_refused(client, event):
    response = client.get("/events/cancel/not-a-token/")
    assert response.status_code == 410 and "正しくありません" in response.content.decode()


def test_ical_has_one_event_per_session_in_tokyo_time(client, event):
    response = client.get(reverse("event_ical", args=[event.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    entries = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(entries) == 2
    starts = sorted(e.decoded("dtstart") for e in entries)
    assert starts == [s.starts_at for s in event.sessions.order_by("starts_at")]
    assert all(str(e["summary"]) == "平日個別相談会 第1回" for e in entries)


def test_open_data_csv_of_one_event_has_a_row_per_session(client, event):
    response = client.get(reverse("event_csv", args=[event.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    record = dict(zip(rows[0], rows[1]))
    assert record["都道府県コード又は市区町村コード"] == "130001" and record["参加申込終了時間"] == "17:00"
    assert record["住所"] == "東京都足立区千住" and record["定員"] == "1" and len(rows) == 3


def test_slot_template_skips_japanese_public_holidays(db):
    event, _ = make_event()
    # 2026-11-23 is 勤労感謝の日; 2026-11-24 a Tuesday.
    created, skipped = slots.generate_sessions(event, [datetime.date(2026, 11, 23), datetime.date(2026, 11, 24)],
                                               "weekday_individual")
    assert len(created) == 4 and skipped == [(datetime.date(2026, 11, 23), "勤労感謝の日")]
    first = timezone.localtime(created[0].starts_at)
    assert (first.hour, first.minute) == (10, 0) and created[0].capacity_in_person == 2


def test_coordinator_manages_own_events_only(shinjuku, bunkyo, as_shinjuku, as_bunkyo):
    own, _ = make_event(title="新宿区の講演会", municipality=shinjuku)
    other, _ = make_event(title="文京区の講演会", municipality=bunkyo)
    tokyo, _ = make_event(title="都の研修")
    assert as_shinjuku.get(reverse("event_manage", args=[own.pk])).status_code == 200
    for event in (other, tokyo):
        assert refused(as_shinjuku.get(reverse("event_manage", args=[event.pk])))
        assert refused(as_shinjuku.get(reverse("events:edit", args=[event.pk])))
    listing = as_shinjuku.get(reverse("events:index")).content.decode()
    assert "新宿区の講演会" in listing and "文京区の講演会" not in listing and "都の研修" not in listing


def test_staff_enter_a_phone_application_and_generate_slots(as_metro, metro_coordinator):
    event, sessions = make_event(title="都の相談会")
    response = as_metro.post(reverse("event_manage", args=[event.pk]), {
        "action": "entry", **{f"entry-{k}": v for k, v in form_data(sessions, email="").items()},
        "entry-channel": "phone"})
    assert response.status_code == 302, re.findall(r'errorlist[^>]*>(.*?)</ul>', response.content.decode())
    application = Application.objects.get()
    assert application.channel == "phone" and application.created_by == metro_coordinator
    response = as_metro.post(reverse("event_manage", args=[event.pk]), {
        "action": "slots", "slots-template": "weekend_individual", "slots-dates": "2026-12-05\n2026-12-06"})
    assert response.status_code == 302
    assert event.sessions.count() == 2 + 4


def test_partner_group_books_seats_for_an_exchange_meeting(make_user):
    group = make_organisation("ひだまりの会", "ひだまりのかい", phone="03-1111-2222")
    editor = make_user("editor-a")
    grant_editor(group, editor)
    event, sessions = make_event(title="連携団体交流会", kind="exchange_meeting", audience="partner_groups", seats=5)
    client = client_for(editor)
    response = client.post(reverse("event_group_booking", args=[event.pk]), {
        "organisation": group.pk, "seats": "3", "preference_1": sessions[0].pk})
    assert response.status_code == 302
    booking = Application.objects.get()
    assert (booking.organisation, booking.seats, booking.status) == (group, 3, Status.CONFIRMED)
    sessions[0].refresh_from_db()
    assert sessions[0].booked_in_person == 3
    again = client.post(reverse("event_group_booking", args=[event.pk]), {
        "organisation": group.pk, "seats": "1", "preference_1": sessions[0].pk})
    assert again.status_code == 400 and "既に" in again.content.decode()       # the same group twice
    other = make_organisation("こもれび家族会", "こもれびかぞくかい", phone="03-3333-4444")
    other_editor = make_user("editor-b")
    grant_editor(other, other_editor)
    client_for(other_editor).post(reverse("event_group_booking", args=[event.pk]), {
        "organisation": other.pk, "seats": "3", "preference_1": sessions[0].pk})
    assert Application.objects.get(organisation=other).status == Status.WAITING  # 3 more do not fit in 5


def test_only_group_editors_book_for_a_group(as_shinjuku, client, make_user):
    event, _ = make_event(kind="exchange_meeting", audience="partner_groups")
    assert refused(as_shinjuku.get(reverse("event_group_booking", args=[event.pk])))
    response = client.get(reverse("event_group_booking", args=[event.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_statistics_count_per_event_and_are_scoped(as_metro, as_shinjuku, shinjuku):
    event, sessions = make_event(seats=1, title="都の相談会")
    bookings.apply(event, [sessions[0]], **person(1))
    bookings.apply(event, [sessions[0]], **person(2))
    body = as_metro.get(reverse("event_statistics")).content.decode()
    assert "都の相談会" in body
    rows = list(csv.reader(io.StringIO(as_metro.get(reverse("event_statistics") + "?format=csv").content.decode("utf-8-sig"))))
    record = dict(zip(rows[0], rows[1]))
    assert (record["申込"], record["確定"], record["キャンセル待ち"]) == ("2", "1", "1")
    start = timezone.localtime(sessions[0].starts_at)
    nendo = f"令和{(start.year if start.month >= 4 else start.year - 1) - 2018}年度"
    assert record["年度"] == nendo and f"<td>{nendo}</td>" in body
    assert "都の相談会" not in as_shinjuku.get(reverse("event_statistics")).content.decode()


def test_event_listing_in_the_admin_links_to_sessions_and_applications(as_metro):
    event, _ = make_event(title="都の相談会")
    body = as_metro.get(reverse("events:index")).content.decode()
    assert reverse("event_manage", args=[event.pk]) in body


def test_staff_run_allocation_and_see_who_is_left(as_metro):
    event, sessions = make_event(seats=1, title="都の相談会")
    bookings.apply(event, [sessions[0]], **person(1))
    bookings.apply(event, [sessions[0]], **person(2))
    page = as_metro.get(reverse("event_manage", args=[event.pk])).content.decode()
    assert "キャンセル待ち・未割当の申込が1件あります" in page
    Session.objects.filter(pk=sessions[0].pk).update(capacity_in_person=2)
    as_metro.post(reverse("event_manage", args=[event.pk]), {"action": "allocate"})
    page = as_metro.get(reverse("event_manage", args=[event.pk])).content.decode()
    assert "未割当の申込" not in page
    assert Application.objects.filter(status=Status.CONFIRMED).count() == 2


def test_retention_runs_on_a_daily_schedule(db):
    from django_q.models import Schedule

    schedule = Schedule.objects.get(func="training.tasks.erase_applicants_personal_data")
    assert schedule.schedule_type == Schedule.DAILY


def test_listing_and_calendar_per_municipality(client, shinjuku, bunkyo):
    make_event(title="新宿区の講演会", municipality=shinjuku)
    make_event(title="文京区の講演会", municipality=bunkyo)
    body = client.get(reverse("event_list"), {"municipality": "shinjuku"}).content.decode()
    assert "新宿区の講演会" in body and "文京区の講演会" not in body
    feed = Calendar.from_ical(client.get(reverse("events_ical"), {"municipality": "shinjuku"}).content)
    assert {str(e["summary"]) for e in feed.walk("VEVENT")} == {"新宿区の講演会"}
    rows = list(csv.reader(io.StringIO(client.get(reverse("events_csv"), {"municipality": "bunkyo"}).content.decode())))
    assert {row[4] for row in rows[1:]} == {"文京区の講演会"} and rows[1][0] == bunkyo.code


def test_event_with_applications_cannot_be_deleted(as_metro):
    """Applications keep their seat's session: deleting the event is refused with a Japanese
    message and the applications stay (it used to be a 500)."""
    event, sessions = make_event(title="申込のある相談会")
    bookings.apply(event, sessions[:1], **person())
    response = as_metro.post(reverse("events:delete", args=[event.pk]))
    assert response.status_code == 302
    assert Event.objects.filter(pk=event.pk).exists() and Application.objects.filter(event=event).count() == 1
    assert "削除できません" in as_metro.get(response["Location"]).content.decode()


def test_slot_dates_are_read_as_staff_write_them_and_a_wrong_line_changes_nothing(as_metro):
    event, sessions = make_event(title="都の相談会")
    response = as_metro.post(reverse("event_manage", args=[event.pk]), {
        "action": "slots", "slots-template": "weekend_individual", "slots-dates": "2026年12月5日\n\n令和8年12月6日"})
    assert response.status_code == 302
    assert event.sessions.count() == 2 + 4
    days = {timezone.localtime(s.starts_at).date() for s in event.sessions.all()}
    assert {datetime.date(2026, 12, 5), datetime.date(2026, 12, 6)} <= days
    response = as_metro.post(reverse("event_manage", args=[event.pk]), {
        "action": "slots", "slots-template": "weekend_individual", "slots-dates": "2026/12/12\n12月13日"})
    assert "「12月13日」は日付ではありません" in response.content.decode()
    assert event.sessions.count() == 2 + 4


def test_a_formula_typed_into_an_event_is_exported_as_text(client, event):
    event.venue = "@SUM(1+1)*cmd|' /C calc'!A0"
    event.save()
    rows = list(csv.reader(io.StringIO(client.get(reverse("event_csv", args=[event.pk])).content.decode())))
    record = dict(zip(rows[0], rows[1]))
    assert record["場所名称"] == "'" + event.venue
