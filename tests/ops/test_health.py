"""/healthz and /readyz (issue 17, item 5): liveness without the database; readiness names the
database, cache, storage, private storage and queue, answers 503 when one fails, and never shows
a secret or an exception's text."""

import json
import sys

import pytest
from django.test import override_settings

from .helpers import free_port, http, start, stop, wait_until
from .production_env import production_env

PARTS = {"database", "cache", "storage", "private_storage", "queue"}
SECRET = "hunter2-never-shown"


def ready(client):
    response = client.get("/readyz")
    return response.status_code, json.loads(response.content)


def test_liveness_answers_ok_without_touching_the_database(client):
    # No database mark: pytest-django makes any database access in this test raise.
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert response["Cache-Control"] == "no-store" and "Set-Cookie" not in response


@pytest.mark.django_db
def test_readiness_names_every_part_and_says_ok(client):
    status, answer = ready(client)
    assert status == 200
    assert answer == {"status": "ok", "checks": {part: "ok" for part in PARTS}}


def test_health_endpoints_still_check_the_host(client):
    with override_settings(ALLOWED_HOSTS=["tsunagu.example.jp"]):
        assert client.get("/healthz", HTTP_HOST="evil.example.com").status_code == 400
        assert client.get("/healthz", HTTP_HOST="tsunagu.example.jp").status_code == 200


@pytest.mark.django_db
def test_an_unreachable_cache_makes_readiness_fail_without_showing_its_password(client):
    broken = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": f"redis://:{SECRET}@127.0.0.1:{free_port()}/0"}}
    with override_settings(CACHES=broken):
        status, answer = ready(client)
        body = client.get("/readyz").content.decode()
    assert status == 503 and answer["status"] == "fail"
    assert answer["checks"] == {**{part: "ok" for part in PARTS}, "cache": "fail"}
    assert SECRET not in body and "redis" not in body.lower()


@pytest.mark.django_db
def test_an_unusable_public_storage_directory_makes_readiness_fail(client, tmp_path, settings):
    (tmp_path / "a-file").write_text("not a directory")
    storages = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                                 "OPTIONS": {"location": str(tmp_path / "a-file" / "media")}}}
    with override_settings(STORAGES=storages):
        status, answer = ready(client)
    assert status == 503 and answer["checks"]["storage"] == "fail"
    assert answer["checks"]["private_storage"] == "ok" and answer["checks"]["database"] == "ok"
    assert str(tmp_path) not in json.dumps(answer)


@pytest.mark.django_db
def test_an_unusable_private_storage_directory_makes_readiness_fail(client, tmp_path, settings):
    (tmp_path / "a-file").write_text("not a directory")
    storages = {**settings.STORAGES, "private": {"BACKEND": "tenants.storage.PrivateFileSystemStorage",
                                                 "OPTIONS": {"location": str(tmp_path / "a-file" / "private")}}}
    with override_settings(STORAGES=storages):
        status, answer = ready(client)
    assert status == 503 and answer["checks"]["private_storage"] == "fail"
    assert answer["checks"]["storage"] == "ok"


@pytest.mark.django_db
def test_a_queue_broker_that_cannot_be_reached_makes_readiness_fail(client, monkeypatch):
    from django_q.conf import Conf

    # The ORM broker on a database alias that is not configured: the queue cannot be reached.
    monkeypatch.setattr(Conf, "ORM", "no-such-database")
    status, answer = ready(client)
    assert status == 503 and answer["checks"]["queue"] == "fail" and answer["checks"]["database"] == "ok"


@pytest.mark.slow
def test_a_real_server_without_its_database_is_alive_but_not_ready(tmp_path):
    """gunicorn under complete production settings whose PostgreSQL is not there: /healthz says
    ok (restarting it would not help), /readyz says the database, the ORM queue and the cache
    (without Redis a database table every app server shares) fail, the storages not."""
    dead = f"postgresql://tsunagu:{SECRET}@127.0.0.1:{free_port()}/tsunagu?connect_timeout=2"
    port = free_port()
    server = start([sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--workers", "1",
                    "--bind", f"127.0.0.1:{port}"], production_env(tmp_path, database_url=dead),
                   tmp_path / "gunicorn.log")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: server.poll() is not None or _answers(base + "/healthz"), 60, "gunicorn answering")
        assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
        assert http(base + "/healthz") == (200, "ok")
        status, body = http(base + "/readyz")
    finally:
        stop(server)
    answer = json.loads(body)
    assert status == 503 and answer["status"] == "fail"
    assert answer["checks"]["database"] == "fail" and answer["checks"]["queue"] == "fail"
    assert answer["checks"]["cache"] == "fail"
    assert answer["checks"]["storage"] == "ok" and answer["checks"]["private_storage"] == "ok"
    assert SECRET not in body and "tsunagu" not in body.replace('"status"', "")


def _answers(url):
    try:
        return http(url, timeout=5)[0] == 200
    except OSError:
        return False
