"""Headless Chromium from Debian's packages, driven by Playwright; no browser is downloaded."""

import os
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
        Collection.add_root(name="Root")
    if not Page.objects.exists():
        Page.add_root(instance=Page(title="Root", slug="root"))


@pytest.fixture
def tokyo_live(transactional_db, live_server):
    """Transactional tests share the live server's database: build Tokyo and the demo for each."""
    from cms.bootstrap import bootstrap_tokyo
    from cms.demo import load_demo

    restore_migration_data()
    bootstrap_tokyo()
    load_demo()
    return live_server
