"""Seats, waiting lists, deadlines and the applicants' personal data."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from training.events import services as bookings
from training.models import Application, Event, Session
from training.events.retention import erase_personal_data

from .helpers import jst, make_event, person

Status = Application.Status


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'",
                    reason="SQLite serialises writers; the race needs PostgreSQL (CI runs it there)")
def test_fifty_parallel_applications_for_two_seats_on_postgresql():
    event, (session, _other) = make_event(seats=2)
    barrier = threading.Barrier(50)
    errors = []

    def apply_one(n):
        try:
            barrier.wait()
            bookings.apply(event, [session], **person(n))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=apply_one, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    session.refresh_from_db()
    confirmed = Application.objects.filter(session=session, status=Status.CONFIRMED).count()
    assert confirmed == 2
    assert Application.objects.filter(status=Status.WAITING).count() == 48
    assert session.booked_in_person == 2 == confirmed


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'",
                    reason="SQLite serialises writers; the race needs PostgreSQL (CI runs it there)")
def test_a_double_submitted_form_books_once_on_postgresql():
    event, (session, _other) = make_event(seats=2)
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            bookings.apply(event, [session], **person(7))
            outcomes.append("booked")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes)[0] == "booked" and "既に" in sorted(outcomes)[1]
    session.refresh_from_db()
    assert Application.objects.count() == 1 and session.booked_in_person == 1


def test_a_past_session_cannot_be_chosen_or_promoted_into(db):
    event, (session, _other) = make_event(seats=1)
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=1),
                                                 ends_at=timezone.now() + datetime.timedelta(hours=1))
    session.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        bookings.apply(event, [session], **person(1))
    assert "終了" in refused.value.messages[0]


def test_the_database_refuses_an_overbooked_session(db):
    _event, (session, _other) = make_event(seats=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(booked_in_person=3)


def test_first_preference_with_room_in_order_of_arrival(db):
    event, (morning, afternoon) = make_event(seats=1)
    first = bookings.apply(event, [morning, afternoon], **person(1))
    second = bookings.apply(event, [morning, afternoon], **person(2))
    third = bookings.apply(event, [morning, afternoon], **person(3))
    assert (first.status, first.session) == (Status.CONFIRMED, morning)
    assert (second.status, second.session) == (Status.CONFIRMED, afternoon)
    assert third.status == Status.WAITING and third.session is None


def test_cancellation_promotes_exactly_one_waiting_applicant_and_emails_them(
        db, django_capture_on_commit_callbacks):
    event, (session, _other) = make_event(seats=1)
    with django_capture_on_commit_callbacks(execute=True):
        seated = bookings.apply(event, [session], **person(1))
        waiting_1 = bookings.apply(event, [session], **person(2))
        waiting_2 = bookings.apply(event, [session], **person(3))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _cancelled, promoted = bookings.cancel(seated)
    assert [a.pk for a in promoted] == [waiting_1.pk]
    assert Application.objects.get(pk=waiting_1.pk).status == Status.CONFIRMED
    assert Application.objects.get(pk=waiting_2.pk).status == Status.WAITING
    promoted_mail = [m for m in mail.outbox if "applicant2@example.jp" in m.to]
    assert len(promoted_mail) == 1 and "空き" in promoted_mail[0].subject
    assert not [m for m in mail.outbox if "applicant3@example.jp" in m.to]
    session.refresh_from_db()
    assert session.booked_in_person == 1


def test_cancelling_twice_changes_nothing(db):
    event, (session, _other) = make_event(seats=1)
    seated = bookings.apply(event, [session], **person(1))
    bookings.apply(event, [session], **person(2))
    bookings.cancel(seated)
    _again, promoted = bookings.cancel(seated)
    assert promoted == []
    session.refresh_from_db()
    assert session.booked_in_person == 1


def test_deadline_is_17_00_jst_on_the_deadline_day_not_utc(db):
    event, (session, _other) = make_event()
    day = timezone.localtime(event.deadline).date()
    Event.objects.filter(pk=event.pk).update(deadline=jst(day.year, day.month, day.day, 17))
    event.refresh_from_db()
    assert timezone.localtime(event.deadline).hour == 17
    bookings.apply(event, [session], now=jst(day.year, day.month, day.day, 16, 59, 59), **person(1))
    with pytest.raises(ValidationError) as refused:
        bookings.apply(event, [session], now=jst(day.year, day.month, day.day, 17, 0, 0), **person(2))
    assert "締め切" in refused.value.messages[0]
    # 17:00 UTC on the deadline day is 02:00 JST the next day: long closed.
    utc_17 = datetime.datetime(day.year, day.month, day.day, 17, tzinfo=datetime.timezone.utc)
    with pytest.raises(ValidationError):
        bookings.apply(event, [session], now=utc_17 - datetime.timedelta(hours=8), **person(3))
    assert Application.objects.count() == 1


@pytest.mark.parametrize("overrides, sessions_index, message", [
    ({"phone": "12345"}, [0], "電話番号"),
    ({"person_age": 12}, [0], "歳"),
    ({}, [0, 1, 0], "1回"),
    ({}, [], "日程を選んで"),
])
def test_bad_input_gets_a_japanese_message_and_writes_nothing(db, overrides, sessions_index, message):
    event, sessions = make_event(min_age=15, max_age=49)
    chosen = [sessions[i] for i in sessions_index]
    with pytest.raises(ValidationError) as refused:
        bookings.apply(event, chosen, **person(1, **overrides))
    assert message in " ".join(refused.value.messages)
    assert not Application.objects.exists()


def test_more_than_three_preferences_are_refused(db):
    event, sessions = make_event()
    extra = [Session.objects.create(event=event, starts_at=s.starts_at + datetime.timedelta(days=1),
                                    ends_at=s.ends_at + datetime.timedelta(days=1)) for s in sessions]
    with pytest.raises(ValidationError) as refused:
        bookings.apply(event, sessions + extra, **person(1))
    assert "3つまで" in refused.value.messages[0]
    assert not Application.objects.exists()


def test_duplicate_application_same_phone_same_session(db):
    event, (session, other) = make_event()
    bookings.apply(event, [session], **person(1, phone="090-1111-2222"))
    with pytest.raises(ValidationError) as refused:
        bookings.apply(event, [session], **person(2, phone="09011112222"))
    assert "既に" in refused.value.messages[0]
    with pytest.raises(ValidationError):  # one application per person and event, whatever the date
        bookings.apply(event, [other], **person(3, phone="090-1111-2222"))
    assert Application.objects.count() == 1


def test_full_without_waiting_list_is_refused(db):
    event, (session, _other) = make_event(seats=1, waiting_list=False)
    bookings.apply(event, [session], **person(1))
    with pytest.raises(ValidationError) as refused:
        bookings.apply(event, [session], **person(2))
    assert "満席" in refused.value.messages[0]
    assert Application.objects.count() == 1


def test_online_seats_of_a_family_seminar_are_unlimited(db):
    event, (session, _other) = make_event(seats=1, online=None, kind="family_seminar")
    for n in range(30):
        assert bookings.apply(event, [session], mode="online", **person(n)).status == Status.CONFIRMED
    bookings.apply(event, [session], **person(100))
    assert bookings.apply(event, [session], **person(101)).status == Status.WAITING


def test_staff_run_allocation_after_adding_a_session(db, metro_coordinator):
    event, (session, _other) = make_event(seats=1)
    bookings.apply(event, [session], **person(1))
    waiting = bookings.apply(event, [session], **person(2))
    Session.objects.filter(pk=session.pk).update(capacity_in_person=2)
    allocated, left = bookings.run_allocation(event)
    assert [a.pk for a in allocated] == [waiting.pk] and left == []


def test_retention_erases_personal_fields_and_keeps_counts(db, settings, shinjuku):
    settings.TSUNAGU_BOOKING_RETENTION_DAYS = 30
    event, (session, _other) = make_event(seats=5)
    for n in range(3):
        bookings.apply(event, [session], residence=shinjuku, **person(n))
    last_end = event.sessions.order_by("-ends_at").first().ends_at
    assert erase_personal_data(now=last_end + datetime.timedelta(days=29)) == 0
    assert erase_personal_data(now=last_end + datetime.timedelta(days=31)) == 3
    assert erase_personal_data(now=last_end + datetime.timedelta(days=32)) == 0
    rows = Application.objects.filter(event=event)
    assert rows.count() == 3
    assert set(rows.values_list("name", "phone", "email", "name_kana")) == {("", "", "", "")}
    assert set(rows.values_list("residence", "person_age", "status")) == {(shinjuku.pk, 25, Status.CONFIRMED)}
