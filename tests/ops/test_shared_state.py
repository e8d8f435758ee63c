"""Shared state only (issue 17, item 4): what one app server caches, signs in or counts, another
app server sees. Separate processes, as two gunicorns would be, on the same database."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from .helpers import ROOT, child_env, postgresql_only

REDIS = "redis://127.0.0.1:6399/2"


def in_process(code, env):
    """Run `code` in a fresh Django process (another app server) and return what it printed."""
    setup = "import django, json; django.setup()\n"
    result = subprocess.run([sys.executable, "-c", setup + code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip()


def sqlite_env(tmp_path, **extra):
    """A child's environment on the embedded SQLite file under tmp_path (no test database)."""
    drop = {"DJANGO_SETTINGS_MODULE", "TSUNAGU_Q_SYNC", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "REDIS_URL",
            "EMAIL_HOST"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(TSUNAGU_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="cms.settings.dev", DEBUG="false",
               SECRET_KEY="ops-test-" + "k" * 60, **extra)
    return env


def settings_of(tmp_path, **extra):
    code = ("from django.conf import settings as s\n"
            "print(json.dumps([s.CACHES['default']['BACKEND'], s.CACHES['default'].get('LOCATION'),"
            " s.Q_CLUSTER.get('redis'), s.Q_CLUSTER.get('orm'), s.SESSION_ENGINE, s.AXES_HANDLER]))")
    env = sqlite_env(tmp_path, **extra)  # settings only: the SQLite file is never opened
    return json.loads(in_process(code, env))


def test_without_redis_the_cache_and_queue_live_in_the_shared_database(tmp_path):
    cache, location, redis, orm, sessions, axes = settings_of(tmp_path)
    assert cache == "tenants.throttle.cache.DatabaseCache" and location == "tsunagu_cache"
    assert redis is None and orm == "default"
    assert sessions == "django.contrib.sessions.backends.db"
    assert axes == "axes.handlers.database.AxesDatabaseHandler"


def test_redis_url_moves_the_cache_and_the_queue_to_redis_and_keeps_sessions_in_the_database(tmp_path):
    cache, location, redis, orm, sessions, axes = settings_of(tmp_path, REDIS_URL=REDIS)
    assert cache == "django.core.cache.backends.redis.RedisCache" and location == REDIS
    assert redis == REDIS and orm is None
    assert sessions == "django.contrib.sessions.backends.db"
    assert axes == "axes.handlers.database.AxesDatabaseHandler"


@pytest.mark.slow
def test_a_fresh_demo_database_gets_its_cache_table_from_migrate(tmp_path):
    env = sqlite_env(tmp_path)  # the demo's embedded SQLite file under tmp_path
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env,
                   check=True, capture_output=True, timeout=600)
    code = "from django.core.cache import cache\ncache.set('demo', 'つなぐ', 60)\nprint(cache.get('demo'))"
    assert in_process(code, env) == "つなぐ"


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_app_servers_share_the_cache_a_session_and_the_lock_out_counter(tmp_path):
    env = child_env(tmp_path, SECRET_KEY=settings.SECRET_KEY)
    # Server A caches a value and opens a session; server B reads both.
    written = in_process(
        "from django.core.cache import cache\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "cache.set('tsunagu-shared', 'from A', 300)\n"
        "session = SessionStore(); session['who'] = 'coordinator'; session.create()\n"
        "print(session.session_key)", env)
    read = in_process(
        "from django.core.cache import cache\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        f"print(json.dumps([cache.get('tsunagu-shared'), SessionStore('{written}').get('who')]))", env)
    assert json.loads(read) == ["from A", "coordinator"]

    # Failed sign-ins counted on A and on B add up to one lock-out.
    fail = ("from django.test import RequestFactory\n"
            "from django.contrib.auth import authenticate\n"
            "request = RequestFactory().post('/admin/login/', REMOTE_ADDR='198.51.100.7')\n"
            "for _ in range({n}):\n"
            "    authenticate(request, username='nobody-here', password='wrong-password-1')\n"
            "from axes.handlers.proxy import AxesProxyHandler\n"
            "print(AxesProxyHandler.is_locked(request, {{'username': 'nobody-here'}}))")
    assert in_process(fail.format(n=3), env) == "False"
    assert in_process(fail.format(n=2), env) == "True"
