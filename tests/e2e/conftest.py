"""Headless Chromium from Debian's packages, driven by Playwright; no browser is downloaded."""

import os
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("TSUNAGU_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"{CHROMIUM} is missing: apt-get install chromium")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed (apt-get install chromium); CI runs these")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


class OneRequestAtATime:
    """A live server that answers one request after the other. On SQLite the test database lives
    in memory and the server shares the test's one connection: Django's threaded server let two
    requests (a page and Wagtail's editing-session ping) use it at once, which broke each other's
    savepoints ("no such savepoint") under load."""

    @staticmethod
    def server_class():
        from django.core.servers.basehttp import WSGIServer

        class SerialWSGIServer(WSGIServer):
            def __init__(self, *args, connections_override=None, **kwargs):
                super().__init__(*args, **kwargs)
                self.connections_override = connections_override

        return SerialWSGIServer


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, answering one request at a time on SQLite (see above)."""
    from django.db import connection
    from django.test import testcases
    from pytest_django.live_server_helper import LiveServer

    threaded = testcases.LiveServerThread.server_class
    if connection.vendor == "sqlite":
        testcases.LiveServerThread.server_class = OneRequestAtATime.server_class()
    try:
        server = LiveServer(request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
                            or "localhost")
    finally:
        testcases.LiveServerThread.server_class = threaded
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ja-JP", "timezone_id": "Asia/Tokyo"}


SEEDING_MIGRATIONS = ["network.migrations.0002_consultation_methods",
                      "network.migrations.0005_support_types"]


def restore_migration_data():
    """A transactional test's teardown flushes every table, including what data migrations
    created (Wagtail's root page, root collection and locale; our seeded lists); put it back."""
    from importlib import import_module

    from django.apps import apps
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    for name in SEEDING_MIGRATIONS:
        import_module(name).seed(apps, None)

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="すべて")
    if not Page.objects.exists():
        Page.add_root(instance=Page(title="すべてのサイト", slug="root"))


def build_tokyo(demo=False):
    """What a flushed database needs to be Tokyo again (and the demo, if asked)."""
    from cms.bootstrap import bootstrap_tokyo
    from cms.demo import load_demo

    restore_migration_data()
    bootstrap_tokyo()
    if demo:
        load_demo()


@pytest.fixture
def tokyo_live(transactional_db, live_server):
    """Transactional tests share the live server's database: each starts from Tokyo and the demo
    as a fresh build leaves them (built once per test process, then restored)."""
    from tests.snapshots import restore_or_build

    restore_or_build("demo", lambda: build_tokyo(demo=True))
    yield live_server
    wait_for_requests_in_flight()


def wait_for_requests_in_flight(seconds=10):
    """A closing page still sends requests (Wagtail releases its editing session with a beacon);
    the flush after the test must not run while the live server answers one (on SQLite it would
    fail with "database table is locked")."""
    time.sleep(0.3)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any("process_request_thread" in thread.name for thread in threading.enumerate()):
            return
        time.sleep(0.05)


def has_authenticator(username):
    """A password alone registers no authenticator: the demo user gets one, as if enrolled through
    a link (tests/trust/test_second_factor_enrolment.py walks the link itself)."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def pass_second_factor(page, username):
    """Complete the second sign-in step as a person with an authenticator app would: register one
    through an enrolment link (then continue past the recovery codes) or type the current code."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page.wait_for_url("**/admin/2fa/**")
    first_time = "/2fa/enrol/" in page.url
    device = TOTPDevice.objects.filter(user__username=username, confirmed=not first_time).latest("pk")
    page.locator("#id_token").fill(f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}")
    page.get_by_role("button", name="確認").click()
    if first_time:
        page.get_by_role("link", name="続ける").click()


def sign_in(page, base, username):
    """Sign in to the admin as a demo user, second factor included."""
    from cms.demo import DEMO_PASSWORD

    has_authenticator(username)
    page.goto(base + "/admin/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="サインイン").click()
    pass_second_factor(page, username)
    page.wait_for_url("**/admin/")
