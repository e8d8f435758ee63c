"""Daily reminders: each one exactly once, however often the task runs."""

import datetime

import pytest
from django.core import mail
from django_q.models import Schedule

from agreements.models import Agreement, Prospect
from agreements.reminders import send_daily_reminders
from network.models import Organisation

D = datetime.date
TODAY = D(2026, 11, 22)


@pytest.fixture
def setup(tokyo, metro_coordinator, make_user):
    metro_coordinator.email = "tokyo@example.jp"
    metro_coordinator.save()
    org = Organisation.objects.create(name="あおぞらの会", name_kana="あおぞらのかい", live=True)
    other = Organisation.objects.create(name="みどりの会", name_kana="みどりのかい", live=True)
    Agreement.objects.create(number="A-60", organisation=org, signed_on=D(2025, 1, 1),
                             valid_from=D(2025, 1, 10), valid_until=TODAY + datetime.timedelta(days=59))
    Agreement.objects.create(number="A-far", organisation=other, signed_on=D(2025, 1, 1),
                             valid_from=D(2025, 1, 10), valid_until=TODAY + datetime.timedelta(days=200))
    Prospect.objects.create(organisation=other, source="research", next_step="ヒアリングの日程調整",
                            next_step_on=TODAY - datetime.timedelta(days=1))
    Prospect.objects.create(organisation=org, source="research", next_step="資料送付",
                            next_step_on=TODAY + datetime.timedelta(days=3))


def test_each_reminder_is_sent_exactly_once_when_run_twice(setup, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_reminders(TODAY) == 2
        assert send_daily_reminders(TODAY) == 0
    subjects = sorted(m.subject for m in mail.outbox)
    assert len(subjects) == 2
    assert any("A-60" in s and "あと59日" in s for s in subjects)  # the 60-day reminder
    assert any("期日超過" in s and "みどりの会" in s for s in subjects)  # the overdue next step
    assert not any("A-far" in s or "あおぞらの会の次の対応" in s for s in subjects)
    assert all(m.to == ["tokyo@example.jp"] for m in mail.outbox)


def test_thirty_day_reminder_follows_the_sixty_day_one(setup, django_capture_on_commit_callbacks):
    for day in (0, 30, 31):  # 59, 29 and 28 days left
        with django_capture_on_commit_callbacks(execute=True):
            send_daily_reminders(TODAY + datetime.timedelta(days=day))
    agreement_mails = [m.subject for m in mail.outbox if "A-60" in m.subject]
    assert len(agreement_mails) == 2
    assert "あと59日" in agreement_mails[0] and "あと29日" in agreement_mails[1]


def test_bootstrap_schedules_the_daily_run_once(tokyo):
    from cms.bootstrap import bootstrap_tokyo

    bootstrap_tokyo()
    schedules = Schedule.objects.filter(func="agreements.tasks.daily_reminders")
    assert schedules.count() == 1 and schedules.get().schedule_type == Schedule.DAILY
