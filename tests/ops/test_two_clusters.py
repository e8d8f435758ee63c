"""Two qclusters at once (issue 17, item 4), real processes on PostgreSQL, once on the ORM broker
and once on Redis: every scheduled task is due, and each is scheduled twice, as if a second
cluster or a retry ran it again at the same moment (django-q2's ORM broker hands a task out
again after `retry` seconds; an operator may press "run now" beside the daily run). Each
recipient still gets each email once, and the retention runs act on each record once.

The world: an agreement ending in 59 days and an overdue prospect (agreements), a partner group
whose profile is due for its April check (network; the schedule runs it as of 5 April), a case
review closed six years ago (network retention), an expert who has not answered for six days and
a consultation agreed for tomorrow (expert bank), an event that ended 200 days ago (training
retention)."""

import datetime
import email
import email.policy
import os
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter

import pytest
from django.conf import settings
from django.utils import timezone
from django_q.models import OrmQ, Schedule, Task

from agreements.models import Agreement, Prospect
from network.cases.services import casereviews
from network.models import CaseAccessLog, CaseReview, ProfileReminder
from network.profiles.services import grant_editor
from tenants.models import Municipality
from tenants.roles import Role
from tests.network.profiles_helpers import make_organisation
from tests.training.conftest import expert_user, later
from tests.training.events.helpers import make_event, person
from training.events import services as bookings
from training.expertbank import services as consultations
from training.models import Application, ConsultationRequest, Session

from .helpers import child_env, free_port, fresh_tokyo, postgresql_only, start, stop, wait_until

pytestmark = [postgresql_only, pytest.mark.django_db(transaction=True), pytest.mark.slow]

APRIL_CHECK_DAY = "2027-04-05"
# What each scheduled task must do in total over its two runs (the sum of their return values).
EXPECTED_WORK = {
    "agreements.tasks.daily_reminders": 2,  # the 60-day reminder and the overdue next step
    "network.tasks.profile_reminders": 1,  # ひだまりの会's yearly profile check
    "network.tasks.anonymise_closed_cases": 1,  # the case closed six years ago
    "training.tasks.consultation_reminders": 3,  # expert and coordinators unanswered, day before
    "training.tasks.erase_applicants_personal_data": 1,  # the applicant of the old event
}
SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # between messages in a file of Django's file backend


def build_world(make_user):
    today = timezone.localdate()
    shinjuku = Municipality.objects.get(slug="shinjuku")
    metro = make_user("two-metro", Role.METRO_COORDINATOR, email="metro@tokyo.example.jp")
    coordinator = make_user("two-shinjuku", Role.MUNICIPAL_COORDINATOR, shinjuku, email="shinjuku@city.example.jp")
    group = make_organisation("ひだまりの会", "ひだまりのかい")
    editor = make_user("two-editor", email="editor@hidamari.example.jp")
    grant_editor(group, editor)

    other = make_organisation("みどりの会", "みどりのかい")
    Agreement.objects.create(number="A-59", organisation=group, signed_on=today - datetime.timedelta(days=700),
                             valid_from=today - datetime.timedelta(days=690),
                             valid_until=today + datetime.timedelta(days=59))
    Prospect.objects.create(organisation=other, source="research", next_step="ヒアリングの日程調整",
                            next_step_on=today - datetime.timedelta(days=1))

    case = casereviews.open_case(coordinator, shinjuku, held_on=today,
                                 legal_basis="support_meeting", categories=["work"], summary="六年前に終結した事例")
    casereviews.close_case(coordinator, case, on=today - datetime.timedelta(days=6 * 365))

    lawyer = expert_user(make_user, "two-lawyer", "弁護士", legal=True, monthly_maximum=5)
    lawyer.user.email = "lawyer@bengoshi.example.jp"
    lawyer.user.save()
    fields = dict(field="legal", background="親亡き後の生活について", preferred=[later(7)], format="online")
    unanswered = consultations.transition(
        consultations.submit(group, editor, topic="相続の相談", **fields), "assign", metro, expert=lawyer)
    ConsultationRequest.objects.filter(pk=unanswered.pk).update(
        assigned_at=timezone.now() - datetime.timedelta(days=6))
    tomorrow = consultations.transition(
        consultations.submit(group, editor, topic="年金の相談", **fields), "assign", metro, expert=lawyer)
    consultations.transition(tomorrow, "accept", lawyer.user, slot=1)
    ConsultationRequest.objects.filter(pk=tomorrow.pk).update(agreed_at=later(1))

    event, (session, _other) = make_event(seats=3, title="家族セミナー（終了）")
    bookings.apply(event, [session], **person(1, email="old-applicant@example.jp"))
    long_ago = timezone.now() - datetime.timedelta(days=200)
    Session.objects.filter(event=event).update(starts_at=long_ago, ends_at=long_ago + datetime.timedelta(hours=1))
    return {"case": case, "metro": metro, "editor": editor, "lawyer": lawyer.user}


def make_every_schedule_due_twice():
    """Due a minute ago, each with a twin: the same task run a second time at the same moment."""
    due = timezone.now() - datetime.timedelta(minutes=1)
    schedules = list(Schedule.objects.filter(func__in=EXPECTED_WORK))
    assert sorted(s.func for s in schedules) == sorted(EXPECTED_WORK), "bootstrap_tokyo schedules each task once"
    for schedule in schedules:
        if schedule.func == "network.tasks.profile_reminders":
            schedule.kwargs = repr({"today": APRIL_CHECK_DAY})
        schedule.next_run = due
        schedule.save()
        Schedule.objects.create(name=f"{schedule.name} (second run)", func=schedule.func, kwargs=schedule.kwargs,
                                schedule_type=Schedule.ONCE, next_run=due)


def work_done():
    """func → the return values of its finished runs."""
    done = {}
    for task in Task.objects.filter(func__in=EXPECTED_WORK):
        # The retention run reports cases and consent scans; the cases are its unit of work.
        result = task.result["cases"] if isinstance(task.result, dict) else task.result
        done.setdefault(task.func, []).append(result)
    return done


def all_done():
    done = work_done()
    notified = Task.objects.filter(func="training.tasks.notify").count()
    return (all(len(done.get(func, [])) == 2 for func in EXPECTED_WORK)
            and notified == EXPECTED_WORK["training.tasks.consultation_reminders"]
            and not OrmQ.objects.exists())


def read_mails(directory):
    """(recipient, subject) of every message the file backend wrote under `directory`."""
    sent = []
    for path in sorted(directory.glob("*.log")) if directory.exists() else []:
        for chunk in path.read_bytes().split(SEPARATOR):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk, policy=email.policy.default)
            for recipient in str(message["To"]).split(","):
                sent.append((recipient.strip(), str(message["Subject"])))
    return sent


def run_two_clusters(tmp_path, make_user, broker, **extra_env):
    fresh_tokyo()
    world = build_world(make_user)
    make_every_schedule_due_twice()
    Task.objects.all().delete()
    clusters = {}
    for name in ("A", "B"):
        env = child_env(tmp_path, SECRET_KEY=settings.SECRET_KEY, Q_WORKERS="2",
                        EMAIL_FILE_PATH=str(tmp_path / f"mail-{name}"), **extra_env)
        clusters[name] = start([sys.executable, "manage.py", "qcluster"], env, tmp_path / f"qcluster-{name}.log")
    started = time.monotonic()
    try:
        # django-q2 looks at the schedules about 30 s after a cluster starts.
        wait_until(all_done, 75, f"both runs of every scheduled task ({broker})")
        time.sleep(2)  # a duplicate would be on its way now
    finally:
        for process in clusters.values():
            stop(process)
    elapsed = time.monotonic() - started

    mails = {name: read_mails(tmp_path / f"mail-{name}") for name in clusters}
    every = Counter(mail for sent in mails.values() for mail in sent)
    done = work_done()
    print(f"\n== two qclusters on the {broker} broker, {elapsed:.0f} s")
    for func, results in sorted(done.items()):
        print(f"   {func}: runs returned {results}")
    for name, sent in mails.items():
        print(f"   cluster {name} sent {len(sent)} mail(s) to recipients")
    for (recipient, subject), count in sorted(every.items()):
        print(f"   {count} × {recipient}: {subject}")
    return world, every, done, clusters


def assert_each_mail_once(world, every, done):
    failed = list(Task.objects.filter(success=False).values_list("func", "result"))
    assert failed == [], f"tasks failed: {failed}"
    assert {func: sum(results) for func, results in done.items()} == EXPECTED_WORK
    twice = {mail: count for mail, count in every.items() if count != 1}
    assert twice == {}, f"sent more than once: {twice}"
    by_recipient = Counter(recipient for recipient, _subject in every)
    # metro: the 60-day reminder, the overdue prospect, the coordinators' "unanswered for 5 days"
    assert by_recipient[world["metro"].email] == 3
    # the group's editor: the profile check, the consultation tomorrow
    assert by_recipient[world["editor"].email] == 2
    # the expert: "please answer", the consultation tomorrow
    assert by_recipient[world["lawyer"].email] == 2
    assert ProfileReminder.objects.filter(fiscal_year=2027).count() == 1
    case = CaseReview.objects.get(pk=world["case"].pk)
    assert case.anonymised_on is not None and case.summary == ""
    assert CaseAccessLog.objects.filter(case_id_ref=case.pk, action=CaseAccessLog.Action.ANONYMISE).count() == 1
    assert Application.objects.filter(email="old-applicant@example.jp").count() == 0
    assert Application.objects.filter(erased_at__isnull=False).count() == 1


def test_two_clusters_on_the_orm_broker_send_each_scheduled_email_once(tmp_path, make_user):
    world, every, done, _clusters = run_two_clusters(tmp_path, make_user, "ORM")
    assert_each_mail_once(world, every, done)


@pytest.fixture
def redis_url(tmp_path):
    if not shutil.which("redis-server"):
        if os.environ.get("TSUNAGU_REQUIRE_REDIS") == "1":
            pytest.fail("redis-server is not installed and TSUNAGU_REQUIRE_REDIS=1 (CI): apt-get install redis-server")
        pytest.skip("redis-server is not installed (Debian: apt-get install redis-server); .ci/run installs it")
    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(tmp_path)],
                              stdout=open(tmp_path / "redis.log", "w"), stderr=subprocess.STDOUT,
                              start_new_session=True)

    def answers():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    try:
        wait_until(answers, 20, "redis-server answering")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(server)


def test_two_clusters_on_redis_send_each_scheduled_email_once(tmp_path, make_user, redis_url):
    world, every, done, _clusters = run_two_clusters(tmp_path, make_user, "Redis", REDIS_URL=redis_url)
    assert_each_mail_once(world, every, done)
