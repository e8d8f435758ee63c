"""Faults (issue 9, item 5), with real processes on PostgreSQL:
- the task cluster is down: applications and consultation requests are still saved, their emails
  wait in the queue and go out once a `manage.py qcluster` starts;
- the database restarts under a running gunicorn: visitors get the Japanese error page (no
  traceback), an application caught mid-write leaves nothing behind, and the site works again
  as soon as PostgreSQL is back."""

import re
import subprocess
import sys
import threading
import urllib.parse
import urllib.request

import psycopg
import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core import mail
from django.test import Client
from django_q.models import OrmQ

from network.profiles.services import grant_editor
from tenants.models import Municipality
from tenants.roles import Role
from tests.network.profiles_helpers import make_organisation
from tests.training.events.helpers import make_event
from training.expertbank import services as consultations
from training.models import Application, ConsultationRequest

from .helpers import (ThrowawayPostgres, child_env, database_url, free_port, fresh_tokyo, http, pg_bin,
                      postgresql_only, start, stop, wait_until)

pytestmark = [postgresql_only, pytest.mark.django_db(transaction=True), pytest.mark.slow]


def application_form(event, session, n, csrf=None):
    residence = Municipality.objects.get(slug="shinjuku").pk
    data = {"name": f"障害 太郎{n}", "name_kana": "しょうがい たろう", "residence": residence,
            "phone": f"090-7777-{n:04d}", "email": f"fault{n}@example.jp", "relation": "parent",
            "person_age": "30", "person_gender": "", "mode": "in_person", "preference_1": session.pk}
    if csrf:
        data["csrfmiddlewaretoken"] = csrf
    return data


def mail_files(directory):
    return sorted(directory.glob("*.log")) if directory.exists() else []


def test_with_the_cluster_stopped_work_is_saved_and_its_emails_go_out_when_it_starts(
        tmp_path, monkeypatch, make_user):
    fresh_tokyo()
    monkeypatch.setattr("django_q.conf.Conf.SYNC", False)  # as in production: tasks go to the broker
    event, (session, _other) = make_event(seats=2, title="家族セミナー（障害試験）")
    editor = make_user("fault-editor", email="editor@hidamari.example.jp")
    organisation = make_organisation("ひだまりの会", "ひだまりのかい")
    grant_editor(organisation, editor)
    make_user("fault-metro", Role.METRO_COORDINATOR, email="metro@tokyo.example.jp")

    # No qcluster runs. The public application form still answers and saves the application...
    response = Client().post(f"/events/{event.pk}/", application_form(event, session, 1))
    assert response.status_code == 200 and "fault1@example.jp" not in response.content.decode()
    assert "申込" in response.content.decode()
    application = Application.objects.get(email="fault1@example.jp")
    assert application.status == Application.Status.CONFIRMED
    # ...and a partner group's consultation request is saved too.
    later = event.sessions.first().starts_at
    request = consultations.submit(organisation, editor, field="legal", topic="相続と本人の生活",
                                   background="親亡き後の生活について", preferred=[later], format="online")
    assert ConsultationRequest.objects.filter(pk=request.pk).exists()

    # Their emails wait in the broker; nothing was sent.
    assert OrmQ.objects.count() == 2
    assert mail.outbox == []
    mail_dir = tmp_path / "mail"
    assert mail_files(mail_dir) == []

    # The cluster starts: both emails go out.
    env = child_env(tmp_path, SECRET_KEY=settings.SECRET_KEY)  # tasks are signed with it
    cluster = start([sys.executable, "manage.py", "qcluster"], env, tmp_path / "qcluster.log")
    try:
        wait_until(lambda: len(mail_files(mail_dir)) >= 2 and OrmQ.objects.count() == 0, 60,
                   "the queued emails being sent")
    finally:
        stop(cluster)
    sent = "".join(path.read_text(encoding="utf-8", errors="replace") for path in mail_files(mail_dir))
    assert "fault1@example.jp" in sent and "metro@tokyo.example.jp" in sent
    assert sent.count("To: fault1@example.jp") == 1  # once, not once per retry


SLOW_PREFERENCE = """
create function ops_slow_insert() returns trigger language plpgsql as $$
begin perform pg_sleep(20); return new; end $$;
create trigger ops_slow_insert before insert on training_preference
for each row execute function ops_slow_insert();
"""


def test_a_database_restart_shows_the_error_page_writes_nothing_half_and_recovers(tmp_path):
    fresh_tokyo()
    event, (session, _other) = make_event(seats=2, title="個別相談会（再起動試験）")
    # A PostgreSQL of our own that we may stop, holding a copy of this test database.
    postgres = ThrowawayPostgres()
    server = None
    try:
        postgres.start()
        dump = tmp_path / "db.dump"
        subprocess.run([str(pg_bin() / "pg_dump"), "-Fc", "--no-owner", "-f", str(dump), "-d", database_url()],
                       check=True, timeout=120)
        with psycopg.connect(postgres.url(), autocommit=True) as conn:
            conn.execute("create database tsunagu")
        subprocess.run([str(pg_bin() / "pg_restore"), "--no-owner", "--exit-on-error", "-d",
                        postgres.url("tsunagu"), str(dump)], check=True, timeout=120)

        port = free_port()
        env = child_env(tmp_path, DATABASE_URL=postgres.url("tsunagu"), DJANGO_SETTINGS_MODULE="cms.settings.production",
                        TSUNAGU_CASE_KEYS=Fernet.generate_key().decode(), ALLOWED_HOSTS="127.0.0.1",
                        SECURE_SSL_REDIRECT="false", TSUNAGU_STORAGE="files",
                        # Passes the SMTP start-up check; the emails wait in the queue (no qcluster).
                        EMAIL_HOST="127.0.0.1")
        server = start([sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--workers", "2",
                        "--bind", f"127.0.0.1:{port}", "--timeout", "60"], env, tmp_path / "gunicorn.log")
        base = f"http://127.0.0.1:{port}"
        page = f"{base}/events/{event.pk}/"
        wait_until(lambda: _answers(page), 60, "gunicorn answering")

        def form(n):
            """GET the form (a CSRF cookie and token) and return a POST function for it."""
            with urllib.request.urlopen(page, timeout=30) as response:
                cookie = response.headers["Set-Cookie"].split(";")[0]
                body = response.read().decode()
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
            data = urllib.parse.urlencode(application_form(event, session, n, csrf=token)).encode()
            return lambda: http(page, data=data, headers={"Cookie": cookie})

        def rows(sql, *params):
            with psycopg.connect(postgres.url("tsunagu")) as conn:
                return conn.execute(sql, params).fetchall()

        status, body = http(page)
        assert status == 200 and "個別相談会（再起動試験）" in body
        submit_while_down = form(1)

        # 1. PostgreSQL is down: the Japanese error page, no traceback; a POST writes nothing.
        postgres.stop()
        for url in (page, base + "/", base + "/events/"):
            status, body = http(url)
            assert status == 500, url
            assert "エラーが発生しました" in body and "しばらくしてから" in body
            assert "Traceback" not in body and "OperationalError" not in body and "psycopg" not in body
        status, body = submit_while_down()
        assert status == 500 and "エラーが発生しました" in body

        # 2. PostgreSQL stops in the middle of an application's transaction (held open by a
        #    slow trigger on its second insert): the visitor gets the error page, nothing is kept.
        postgres.start()
        with psycopg.connect(postgres.url("tsunagu"), autocommit=True) as conn:
            conn.execute(SLOW_PREFERENCE)
        submit_mid_write = form(2)
        outcome = {}
        worker = threading.Thread(target=lambda: outcome.update(result=submit_mid_write()))
        worker.start()
        wait_until(lambda: rows("select count(*) from pg_stat_activity where wait_event = 'PgSleep'")[0][0] == 1,
                   30, "the application's transaction reaching the slow insert")
        postgres.stop()
        worker.join(60)
        status, body = outcome["result"]
        assert status == 500 and "エラーが発生しました" in body and "Traceback" not in body

        # 3. PostgreSQL is back: the next request works; neither application left a row or a seat.
        postgres.start()
        with psycopg.connect(postgres.url("tsunagu"), autocommit=True) as conn:
            conn.execute("drop trigger ops_slow_insert on training_preference")
        status, body = http(page)
        assert status == 200 and "個別相談会（再起動試験）" in body
        assert rows("select count(*) from training_application") == [(0,)]
        assert rows("select count(*) from training_preference") == [(0,)]
        assert rows("select booked_in_person from training_session where id = %s", session.pk) == [(0,)]

        # ...and a new application goes through, exactly once.
        status, body = form(3)()
        assert status == 200, body[-500:]
        assert rows("select email, status from training_application") == [("fault3@example.jp", "confirmed")]
        assert rows("select booked_in_person from training_session where id = %s", session.pk) == [(1,)]
    finally:
        if server is not None:
            stop(server)
        postgres.remove()
    log = (tmp_path / "gunicorn.log").read_text(errors="replace")
    assert "OperationalError" in log  # the details go to the server log, not to the visitor


def _answers(url):
    try:
        return http(url, timeout=5)[0] == 200
    except OSError:
        return False
