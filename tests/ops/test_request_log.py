"""The request log (issue 17, item 5): one JSON line per request on tsunagu.requests with the
request id, method, path, status, duration, user id and municipality, and no personal data."""

import json
import logging
import sys

import pytest

from cms.ops.json_log import JsonFormatter
from tests.conftest import client_for

from .helpers import free_port, http, start, stop, wait_until
from .production_env import production_env

pytestmark = pytest.mark.django_db


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.setFormatter(JsonFormatter())
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def request_log():
    handler = Lines()
    logger = logging.getLogger("tsunagu.requests")
    logger.addHandler(handler)
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)


def only_line(lines):
    assert len(lines) == 1, lines
    return json.loads(lines[0])


def test_an_anonymous_request_is_one_json_line(client, request_log):
    response = client.get("/")
    line = only_line(request_log)
    assert response.status_code == 200
    assert {key: line[key] for key in ("method", "path", "status", "user_id", "municipality")} == {
        "method": "GET", "path": "/", "status": 200, "user_id": None, "municipality": None}
    assert line["logger"] == "tsunagu.requests" and isinstance(line["duration_ms"], float)
    assert len(line["request_id"]) == 32 and response["X-Request-ID"] == line["request_id"]


def test_a_signed_in_admin_is_logged_by_id_only(make_superuser, request_log):
    admin = make_superuser("kanri-taro")
    admin.first_name, admin.last_name = "太郎", "管理"
    admin.save()
    client = client_for(admin)
    request_log.clear()
    response = client.get("/admin/")
    line = only_line(request_log)
    assert response.status_code == 200 and line["user_id"] == admin.pk and line["path"] == "/admin/"
    # Superusers act for every municipality: the admin opened the all-municipalities scope.
    assert line["municipality"] == "all"
    assert "kanri-taro" not in request_log[0] and "example.jp" not in request_log[0]
    assert "管理" not in request_log[0] and "sessionid" not in request_log[0]


def test_a_coordinators_request_names_their_municipality(shinjuku_coordinator, shinjuku, request_log):
    client = client_for(shinjuku_coordinator)
    request_log.clear()
    client.get("/admin/")
    line = only_line(request_log)
    assert line["municipality"] == shinjuku.pk and line["user_id"] == shinjuku_coordinator.pk


def test_the_query_string_is_never_logged(client, request_log):
    client.get("/search/?q=taro.yamada%40example.jp&email=taro.yamada@example.jp&token=abc123secret")
    line = only_line(request_log)
    assert line["path"] == "/search/"
    assert "yamada" not in request_log[0] and "abc123secret" not in request_log[0] and "?" not in request_log[0]


def test_a_sane_request_id_is_kept_and_anything_else_replaced(client, request_log):
    response = client.get("/", HTTP_X_REQUEST_ID="6f1c2a9e-3b7d-4e21-9a0f-1d2c3b4a5e6f")
    assert response["X-Request-ID"] == "6f1c2a9e-3b7d-4e21-9a0f-1d2c3b4a5e6f"
    response = client.get("/", HTTP_X_REQUEST_ID="taro.yamada@example.jp 090-1234-5678")
    assert "example.jp" not in response["X-Request-ID"] and len(response["X-Request-ID"]) == 32
    assert [json.loads(line)["request_id"] for line in request_log] == [
        "6f1c2a9e-3b7d-4e21-9a0f-1d2c3b4a5e6f", response["X-Request-ID"]]


@pytest.mark.slow
def test_production_writes_the_line_to_stdout_as_json(tmp_path):
    """A real gunicorn under production settings: the request log is on stdout, one JSON object a
    line, and the other logs (stderr) are JSON too."""
    port = free_port()
    env = production_env(tmp_path, database_url=f"postgresql://tsunagu@127.0.0.1:{free_port()}/tsunagu")
    out, err = open(tmp_path / "stdout", "w"), open(tmp_path / "stderr", "w")
    import subprocess

    from .helpers import ROOT

    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--workers", "1",
                               "--bind", f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=out, stderr=err,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: server.poll() is not None or _answers(base + "/healthz"), 60, "gunicorn answering")
        status, _ = http(base + "/?email=hanako%40example.jp", headers={"X-Request-ID": "lb-0123456789",
                                                                          "X-Forwarded-Proto": "https"})
        wait_until(lambda: "lb-0123456789" in (tmp_path / "stdout").read_text(), 10, "the request logged")
    finally:
        stop(server)
        out.close(), err.close()
    lines = [json.loads(line) for line in (tmp_path / "stdout").read_text().splitlines() if line.strip()]
    mine = [line for line in lines if line.get("request_id") == "lb-0123456789"]
    assert len(mine) == 1 and mine[0]["path"] == "/" and mine[0]["status"] == status
    assert "hanako" not in (tmp_path / "stdout").read_text()
    # Its database is not there: the page failed, and Django's error log is a JSON line too.
    assert status == 500
    errors = [json.loads(line) for line in (tmp_path / "stderr").read_text().splitlines() if line.startswith("{")]
    assert any(line["logger"] == "django.request" and line["level"] == "ERROR" for line in errors)


def _answers(url):
    try:
        return http(url, timeout=5)[0] == 200
    except OSError:
        return False
