"""The expert bank's rules: a yearly limit per organisation, bad input refused with a Japanese
message, reminders sent once, and the coordinators' figures."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from training.expertbank import services as consultations
from training.expertbank.reminders import send_consultation_reminders
from training.expertbank.stats import figures
from training.models import ConsultationRequest

from ..conftest import later


def submit(editor, organisation, topic="相談", **overrides):
    data = dict(field="legal", topic=topic, background="背景", preferred=[later(7)], format="online")
    data.update(overrides)
    return consultations.submit(organisation, editor, **data)


def this_nendo():
    """令和N年度 of today, counted here apart from the code under test."""
    today = timezone.localdate()
    return f"令和{(today.year if today.month >= 4 else today.year - 1) - 2018}年度"


def test_yearly_limit_per_organisation_with_a_clear_message(settings, editor_a, group_a, metro):
    settings.TSUNAGU_CONSULTATIONS_PER_YEAR = 2
    first = submit(editor_a, group_a, "一件目")
    submit(editor_a, group_a, "二件目")
    with pytest.raises(ValidationError) as refused:
        submit(editor_a, group_a, "三件目")
    assert "2件" in refused.value.messages[0] and "上限" in refused.value.messages[0]
    assert f"{this_nendo()}の上限" in refused.value.messages[0]
    assert not ConsultationRequest.objects.filter(topic="三件目").exists()
    consultations.transition(first, "cancel", editor_a, note="不要になった")   # cancelled ones do not count
    submit(editor_a, group_a, "三件目")


def test_limit_is_shown_on_the_form(clients, settings):
    settings.TSUNAGU_CONSULTATIONS_PER_YEAR = 3
    page = clients["editor_a"].get(reverse("consultation_new")).content.decode()
    assert "ひだまりの会" in page and f"{this_nendo()}の残り 3 件" in page


@pytest.mark.parametrize("preferred, message", [
    ([], "1つ以上"),
    ([timezone.now() - datetime.timedelta(hours=1)], "未来"),
    ([later(3), later(3)], "異なる"),
    ([later(1), later(2), later(3), later(4)], "3つまで"),
])
def test_bad_preferences_are_refused_and_nothing_is_written(editor_a, group_a, preferred, message):
    with pytest.raises(ValidationError) as refused:
        submit(editor_a, group_a, preferred=preferred)
    assert message in refused.value.messages[0]
    assert not ConsultationRequest.objects.exists()


def test_form_shows_bad_input_in_japanese(clients, group_a):
    response = clients["editor_a"].post(reverse("consultation_new"), {
        "organisation": group_a.pk, "field": "legal", "topic": "", "background": "x",
        "preferred_1": "2020-01-01T10:00", "format": "online"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "必須です" in body
    assert not ConsultationRequest.objects.exists()


@pytest.fixture
def assigned(editor_a, group_a, lawyer, metro):
    return consultations.transition(submit(editor_a, group_a), "assign", metro, expert=lawyer)


def run(now, capture):
    with capture(execute=True):
        return send_consultation_reminders(now)


def test_unanswered_expert_is_reminded_after_3_days_and_the_coordinator_after_5_once_each(
        assigned, lawyer, metro, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    mail.outbox.clear()
    now = timezone.now()
    assert run(now + datetime.timedelta(days=2), capture) == 0
    assert run(now + datetime.timedelta(days=3, minutes=1), capture) == 1
    assert run(now + datetime.timedelta(days=3, hours=5), capture) == 0
    assert [m.to for m in mail.outbox] == [[lawyer.user.email]]
    mail.outbox.clear()
    assert run(now + datetime.timedelta(days=5, minutes=1), capture) == 1
    assert run(now + datetime.timedelta(days=6), capture) == 0
    assert [m.to for m in mail.outbox] == [[metro.email]]


def test_day_before_reminder_goes_to_expert_and_group_once_with_the_calendar(
        assigned, lawyer, editor_a, metro, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    consultations.transition(assigned, "accept", lawyer.user, slot=1)
    mail.outbox.clear()
    day_before = assigned.preferred_1 - datetime.timedelta(days=1)
    assert run(day_before - datetime.timedelta(days=1), capture) == 0
    assert run(day_before, capture) == 1
    assert run(day_before + datetime.timedelta(hours=1), capture) == 0
    assert sorted(a for m in mail.outbox for a in m.to) == sorted([lawyer.user.email, editor_a.email])
    assert all(m.attachments and m.attachments[0][0] == "consultation.ics" for m in mail.outbox)


def test_reminders_run_on_a_daily_schedule(db):
    from django_q.models import Schedule

    assert Schedule.objects.get(func="training.tasks.consultation_reminders").schedule_type == Schedule.DAILY


def test_dashboard_figures(editor_a, group_a, lawyer, metro):
    first = consultations.transition(submit(editor_a, group_a, "一"), "assign", metro, expert=lawyer)
    submit(editor_a, group_a, "二")
    ConsultationRequest.objects.filter(pk=first.pk).update(created_at=timezone.now() - datetime.timedelta(days=4))
    first.refresh_from_db()
    consultations.transition(first, "accept", lawyer.user, slot=1)
    data = figures()
    states = dict(data["open_rows"])
    assert states["受付"] == 1 and states["承諾済み"] == 1
    assert data["median_days"] == pytest.approx(4, abs=0.1)
    load = {e.pk: (e.open_count, e.month_count) for e in data["experts"]}
    assert load[lawyer.pk] == (1, 1)
