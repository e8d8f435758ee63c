"""The application's declared state machine (django-fsm-2 on Application: confirm, wait,
cancel), called only by training.events.services after a seat is taken or before it is given
back: a refused move leaves the row and the seats as they were and says why in Japanese, an
allowed move changes the status and sends its email."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_fsm import can_proceed

from training.events import services as bookings
from training.models import Application, Session

from .helpers import make_event, person

Status = Application.Status


def test_the_machine_is_declared_on_the_model(db):
    event, _sessions = make_event(waiting_list=False)
    application = Application(event=event)
    assert application.status == Status.UNALLOCATED
    assert can_proceed(application.confirm, check_conditions=False)
    assert not can_proceed(application.wait)                     # this event keeps no waiting list
    application.status = Status.CANCELLED
    assert not any(can_proceed(getattr(application, name), check_conditions=False)
                   for name in ("confirm", "wait", "cancel"))


def test_full_without_a_waiting_list_says_why_and_writes_nothing(db):
    event, (session, _other) = make_event(seats=1, waiting_list=False)
    bookings.apply(event, [session], **person(1))
    with pytest.raises(ValidationError) as error:
        bookings.apply(event, [session], **person(2))
    assert error.value.messages == ["ご希望の日程はすべて満席です。"]
    assert Application.objects.count() == 1


def test_cancelling_a_started_session_is_refused_and_keeps_the_seat(db):
    event, (session, _other) = make_event(seats=1)
    seated = bookings.apply(event, [session], **person(1))
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - datetime.timedelta(minutes=5))
    with pytest.raises(ValidationError) as error:
        bookings.cancel(seated)
    assert error.value.messages == ["既に開始しているため、キャンセルできません。"]
    seated.refresh_from_db()
    session.refresh_from_db()
    assert (seated.status, seated.cancelled_at, session.booked_in_person) == (Status.CONFIRMED, None, 1)


def test_allowed_moves_change_the_status_and_send_their_emails(db, django_capture_on_commit_callbacks):
    event, (session, _other) = make_event(seats=1)
    with django_capture_on_commit_callbacks(execute=True):
        seated = bookings.apply(event, [session], **person(1))
        waiting = bookings.apply(event, [session], **person(2))
    assert (seated.status, seated.session, waiting.status) == (Status.CONFIRMED, session, Status.WAITING)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancelled, promoted = bookings.cancel(seated)
    assert cancelled.status == Status.CANCELLED and cancelled.cancelled_at is not None
    assert [a.pk for a in promoted] == [waiting.pk]
    assert Application.objects.get(pk=waiting.pk).status == Status.CONFIRMED
    assert {address for m in mail.outbox for address in m.to} == {"applicant1@example.jp", "applicant2@example.jp"}
    session.refresh_from_db()
    assert session.booked_in_person == 1
