"""Shared by the operations tests: PostgreSQL tools and URLs, fresh Tokyo data for transactional
tests, and starting/stopping real processes (qcluster, gunicorn, a throwaway PostgreSQL)."""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (pg_dump, a second process on the same database); CI runs it there")


def pg_bin():
    for d in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (d / "pg_ctl").exists() and (d / "pg_dump").exists():
            return d
    found = shutil.which("pg_dump")
    return Path(found).parent if found else None


def database_url(name=None):
    """A libpq URL for the test database (or another database on the same server)."""
    params = connection.get_connection_params()
    auth = urllib.parse.quote(params.get("user") or "")
    if params.get("password"):
        auth += ":" + urllib.parse.quote(params["password"])
    query = {key: str(params[key]) for key in ("host", "port") if params.get(key)}
    dbname = urllib.parse.quote(name or params["dbname"])
    return f"postgresql://{auth + '@' if auth else ''}/{dbname}" + (
        "?" + urllib.parse.urlencode(query) if query else "")


def fresh_tokyo(demo=False):
    """A transactional test starts after another one's flush: put back what migrations seeded
    and bootstrap Tokyo (and the demo) again, as a fresh build would (restored after the first)."""
    from tests.e2e.conftest import build_tokyo
    from tests.snapshots import restore_or_build

    restore_or_build("demo" if demo else "tokyo", lambda: build_tokyo(demo=demo))


def child_env(tmp_path, **extra):
    """Environment for a manage.py/gunicorn child on the test database, with tasks queued in the
    ORM broker (not run inline) and email written to files under tmp_path/mail."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"DJANGO_SETTINGS_MODULE", "TSUNAGU_Q_SYNC", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(DATABASE_URL=database_url(), TSUNAGU_VAR_DIR=str(tmp_path), EMAIL_FILE_PATH=str(tmp_path / "mail"),
               DJANGO_SETTINGS_MODULE="cms.settings.dev", DEBUG="false", SECRET_KEY="ops-test-" + "k" * 60,
               PYTHONUNBUFFERED="1")
    env.pop("EMAIL_HOST", None)
    env.pop("REDIS_URL", None)
    env.update(extra)
    return env


def start(args, env, log_path):
    log = open(log_path, "w")
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop(process, timeout=15):
    """SIGTERM the process group, then SIGKILL after `timeout` (django-q2 #346: a cluster can
    hang while stopping)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        pass
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen within {seconds}s")


def http(url, data=None, headers=None, timeout=30):
    """(status, body) of one request; 4xx/5xx are returned, not raised."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class ThrowawayPostgres:
    """A PostgreSQL cluster of our own (so the test may stop and start it), on a Unix socket in
    a temporary directory; run as the `postgres` user when we are root (initdb refuses root)."""

    def __init__(self):
        self.bin = pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="tsunagu-ops-pg."))
        self.port = 54331
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
        self._pg("initdb", "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                 "--locale=C.UTF-8")

    def _pg(self, tool, *args):
        command = [str(self.bin / tool), *args]
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def url(self, name="postgres"):
        return f"postgresql://postgres@/{name}?host={self.dir}&port={self.port}"

    def start(self):
        self._pg("pg_ctl", "-D", str(self.dir / "data"), "-l", str(self.dir / "log"), "-w", "start",
                 "-o", f"-k {self.dir} -p {self.port} -c listen_addresses='' -c fsync=off")

    def stop(self, mode="fast"):
        self._pg("pg_ctl", "-D", str(self.dir / "data"), "-m", mode, "-w", "stop")

    def remove(self):
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)
