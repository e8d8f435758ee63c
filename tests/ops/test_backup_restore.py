"""Backups (issue 9, item 4): scripts/backup dumps the database and the uploaded files,
scripts/restore brings them back into a fresh database, and the copy holds the same rows."""

import os
import subprocess
import time

import psycopg
import pytest
from django.conf import settings
from django.utils import timezone

from network.cases.services import casereviews
from network.models import CaseReview
from tenants.models import Municipality
from training.events import services as bookings
from training.models import Event

from .helpers import ROOT, database_url, fresh_tokyo, pg_bin, postgresql_only

pytestmark = [postgresql_only, pytest.mark.django_db(transaction=True)]

# One restored database per test process (pytest-xdist workers run side by side).
RESTORED = "tsunagu_ops_restored_" + os.environ.get("PYTEST_XDIST_WORKER", "main")


def run(script, *args, env):
    return subprocess.run([str(ROOT / "scripts" / script), *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def table_counts(url):
    with psycopg.connect(url) as conn:
        tables = [row[0] for row in conn.execute(
            "select tablename from pg_tables where schemaname = 'public' order by tablename")]
        return {t: conn.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}


def fetch(url, sql, *params):
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def restored_database():
    admin = database_url("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"drop database if exists {RESTORED} with (force)")
        conn.execute(f"create database {RESTORED}")
    yield database_url(RESTORED)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"drop database if exists {RESTORED} with (force)")


def test_backup_restores_into_a_fresh_database_with_the_same_rows_and_files(tmp_path, restored_database):
    assert pg_bin() is not None, "PostgreSQL's client tools (pg_dump, pg_restore, psql) are needed"
    fresh_tokyo(demo=True)
    shinjuku = Municipality.objects.get(slug="shinjuku")
    event = Event.objects.filter(published=True, deadline__gt=timezone.now()).exclude(
        audience=Event.Audience.PARTNER_GROUPS).order_by("pk").first()
    session = event.sessions.filter(starts_at__gt=timezone.now()).first()
    applied = bookings.apply(event, [session], name="復元 花子", name_kana="ふくげん はなこ",
                             phone="090-5555-0101", email="restore@example.jp", relation="parent", person_age=31)
    coordinator = shinjuku.coordinators_group.user_set.first() or _coordinator(shinjuku)
    case = casereviews.open_case(coordinator, shinjuku, held_on=timezone.localdate(),
                                 legal_basis=CaseReview.LegalBasis.CONSENT, categories=["withdrawal"],
                                 summary="復元テストの要約")
    media_file = settings.MEDIA_ROOT / "ops-test" / "leaflet.txt"
    private_file = settings.PRIVATE_MEDIA_ROOT / "ops-test" / "agreement.txt"
    for path, text in ((media_file, "公開チラシ"), (private_file, "協定書（非公開）")):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(settings.MEDIA_ROOT),
           "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT)}
    started = time.monotonic()
    backup = run("backup", str(tmp_path / "backups"), env=env)
    assert backup.returncode == 0, backup.stderr
    directory = backup.stdout.strip().splitlines()[-1]
    assert {p for p in os.listdir(directory)} == {"database.dump", "media.tar.gz", "private.tar.gz", "SHA256SUMS"}
    # The dump holds ciphertext only: the case keys are not in it.
    assert "復元テストの要約".encode() not in (tmp_path / directory / "database.dump").read_bytes()

    restore_env = {**os.environ, "DATABASE_URL": restored_database,
                   "MEDIA_ROOT": str(tmp_path / "restored-media"),
                   "PRIVATE_MEDIA_ROOT": str(tmp_path / "restored-private")}
    restore = run("restore", directory, env=restore_env)
    assert restore.returncode == 0, restore.stderr
    print(f"backup and restore took {time.monotonic() - started:.1f}s")

    # Every table has the same number of rows.
    original, copy = table_counts(database_url()), table_counts(restored_database)
    assert copy == original
    assert original["training_application"] >= 1 and original["network_casereview"] == CaseReview.objects.count() >= 1
    assert original["tenants_municipality"] == 62

    # A few records, field by field.
    record = ("select name, phone, email, status, session_id, event_id from training_application where id = %s",
              applied.pk)
    assert fetch(restored_database, *record) == fetch(database_url(), *record)
    assert fetch(restored_database, *record)[0][0] == "復元 花子"
    seats = ("select booked_in_person, capacity_in_person from training_session where id = %s", session.pk)
    assert fetch(restored_database, *seats) == fetch(database_url(), *seats)
    place = ("select name, code, root_page_id from tenants_municipality where slug = %s", "shinjuku")
    assert fetch(restored_database, *place) == fetch(database_url(), *place)
    pages = ("select url_path, title, live from wagtailcore_page where id = %s", shinjuku.root_page_id)
    assert fetch(restored_database, *pages) == fetch(database_url(), *pages)
    summary = ("select code, summary from network_casereview where id = %s", case.pk)
    (code, ciphertext), = fetch(restored_database, *summary)
    assert (code, ciphertext) == (case.code, fetch(database_url(), *summary)[0][1])
    assert "復元テストの要約" not in ciphertext  # still encrypted: readable only with TSUNAGU_CASE_KEYS
    # Sequences come back too: the next application does not collide with a restored one.
    nextval = "select last_value from training_application_id_seq"
    assert fetch(restored_database, nextval) == fetch(database_url(), nextval)

    # The uploaded files, public and private.
    assert (tmp_path / "restored-media" / "ops-test" / "leaflet.txt").read_text(encoding="utf-8") == "公開チラシ"
    assert (tmp_path / "restored-private" / "ops-test" / "agreement.txt").read_text(
        encoding="utf-8") == "協定書（非公開）"

    # A restore never overwrites: the now non-empty database is refused and left as it was.
    again = run("restore", "--no-files", directory, env=restore_env)
    assert again.returncode != 0 and "refusing" in again.stderr
    assert table_counts(restored_database) == original


def test_a_damaged_backup_is_refused(tmp_path, restored_database):
    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(tmp_path / "m"),
           "PRIVATE_MEDIA_ROOT": str(tmp_path / "p")}
    backup = run("backup", str(tmp_path / "backups"), env=env)
    assert backup.returncode == 0, backup.stderr
    directory = backup.stdout.strip().splitlines()[-1]
    with open(os.path.join(directory, "database.dump"), "r+b") as dump:
        dump.seek(200)
        dump.write(b"\x00" * 16)
    restore = run("restore", "--no-files", directory,
                  env={**os.environ, "DATABASE_URL": restored_database})
    assert restore.returncode != 0 and "checksums do not match" in restore.stderr
    assert table_counts(restored_database) == {}


def _coordinator(municipality):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("ops-shinjuku-coord", "ops@example.jp", "x" * 12)
    user.groups.add(municipality.coordinators_group)
    return user
