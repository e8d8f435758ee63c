"""Each April the editors of every published profile get one reminder to confirm or update it."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from network.models import ProfileReminder
from network.profiles.services import confirm_profile, grant_editor
from network.profiles.reminders import fiscal_year, send_profile_reminders

from .profiles_helpers import make_organisation

APRIL = datetime.date(2027, 4, 1)


@pytest.fixture
def groups(make_user):
    a = make_organisation("ひだまりの会", "ひだまりのかい")
    b = make_organisation("こもれび家族会", "こもれびかぞくかい")
    no_editor = make_organisation("編集者のいない会", "へんしゅうしゃのいないかい")
    grant_editor(a, make_user("a1", email="a1@hidamari.example.jp"))
    grant_editor(a, make_user("a2", email="a2@hidamari.example.jp"))
    grant_editor(b, make_user("b1", email="b1@komorebi.example.jp"))
    return a, b, no_editor


def run(today, capture):
    with capture(execute=True):
        return send_profile_reminders(today)


def test_fiscal_year_starts_in_april():
    assert fiscal_year(datetime.date(2027, 3, 31)) == 2026
    assert fiscal_year(datetime.date(2027, 4, 1)) == 2027


def test_run_twice_sends_exactly_one_email_per_organisation(groups, django_capture_on_commit_callbacks):
    a, b, no_editor = groups
    mail.outbox.clear()
    assert run(APRIL, django_capture_on_commit_callbacks) == 2
    assert run(APRIL, django_capture_on_commit_callbacks) == 0
    assert run(APRIL + datetime.timedelta(days=1), django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2
    by_org = {m.subject: sorted(m.to) for m in mail.outbox}
    assert sorted(by_org.values()) == [["a1@hidamari.example.jp", "a2@hidamari.example.jp"],
                                       ["b1@komorebi.example.jp"]]
    assert any("ひだまりの会" in subject for subject in by_org)
    body = next(m.body for m in mail.outbox if "ひだまりの会" in m.subject)
    assert f"/admin/organisations/{a.pk}/confirm/" in body
    assert ProfileReminder.objects.filter(fiscal_year=2027).count() == 2


def test_next_fiscal_year_reminds_again(groups, django_capture_on_commit_callbacks):
    run(APRIL, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    assert run(datetime.date(2028, 4, 3), django_capture_on_commit_callbacks) == 2
    assert len(mail.outbox) == 2


def test_nothing_is_sent_outside_april(groups, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    assert run(datetime.date(2027, 5, 1), django_capture_on_commit_callbacks) == 0
    assert run(datetime.date(2027, 3, 31), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_profiles_confirmed_this_fiscal_year_are_not_reminded(groups, django_capture_on_commit_callbacks):
    a, b, _ = groups
    confirm_profile(b, None)  # confirmed in the previous fiscal year: still reminded
    type(a).objects.filter(pk=a.pk).update(confirmed_at=timezone.make_aware(datetime.datetime(2027, 4, 1, 0, 5)))
    mail.outbox.clear()
    assert run(datetime.date(2027, 4, 2), django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [["b1@komorebi.example.jp"]]


def test_unpublished_profiles_are_not_reminded(make_user, django_capture_on_commit_callbacks):
    draft = make_organisation("準備中の会", "じゅんびちゅうのかい", publish=False)
    grant_editor(draft, make_user("d1"))
    mail.outbox.clear()
    assert run(APRIL, django_capture_on_commit_callbacks) == 0


def test_the_reminder_runs_on_a_daily_schedule(db):
    from django_q.models import Schedule

    schedule = Schedule.objects.get(func="network.tasks.profile_reminders")
    assert schedule.schedule_type == Schedule.DAILY
