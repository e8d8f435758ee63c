"""Shared fixtures: the bootstrapped Tokyo (62 municipal spaces) and users per role."""

import os
from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tenants.roles import GLOBAL_GROUP_NAMES, Role

# Playwright's sync API leaves an asyncio loop on the main thread; Django would then refuse ORM
# calls in live_server tests with SynchronousOnlyOperation. Tests only, never settings.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery-9"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Bootstrap Tokyo once per test database; tests then run inside rolled-back transactions."""
    from cms.bootstrap import bootstrap_tokyo

    with django_db_blocker.unblock():
        bootstrap_tokyo()
    yield
    from tests.snapshots import drop_all

    with django_db_blocker.unblock():
        drop_all()


def _uses_database(item):
    return bool(item.get_closest_marker("django_db")) or bool(
        {"db", "transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


def _transactional(item):
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
                or "transactional_db" in fixtures or "live_server" in fixtures)


def pytest_collection_modifyitems(config, items):
    """The longest tests early, so that with the parallel workers taking a few tests at a time
    (scripts/test) the short ones fill the gaps at the end instead of one long test finishing
    alone on one core. pytest-django has already put the tests in Django's order: database tests,
    then transactional ones (their flush empties the database), then those without a database.
    That order holds; within it:
    - `slow` tests without a database (the demo command, a fresh migrate) go first of all;
    - among the transactional tests, `slow` ones (the multi-server run, two qclusters) come
      first, then the browser tests.
    The sort is stable, so each module's tests stay together and its fixtures are built once per
    worker."""
    def weight(item):
        slow = item.get_closest_marker("slow")
        if not _uses_database(item):
            return 0 if slow else 5
        if not _transactional(item):
            return 1
        return 2 if slow else 3 if item.get_closest_marker("browser") else 4

    items.sort(key=weight)


@contextmanager
def rolled_back_at_the_end(django_db_blocker):
    """For a module-scoped fixture that builds slow rows once: they are made inside a transaction
    that stays open for the module and is rolled back at its end. Each test (`db`) runs in a
    savepoint inside it, so it sees the rows and what it changes is undone before the next test.
    Not for transactional tests (live server, real processes): they need committed data."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_organisations(django_db_setup, django_db_blocker):
    """The 47 demo organisations, published and indexed once for the module: building them takes
    6 s on SQLite and up to 30 s on PostgreSQL, which every test paid when it built them itself."""
    from network.demo import load_demo_organisations

    with rolled_back_at_the_end(django_db_blocker):
        load_demo_organisations()
        yield


@pytest.fixture(scope="module")
def demo_built(django_db_setup, django_db_blocker):
    """`make demo`'s content (cms.demo.load_demo), built once for the module; answers its summary
    of counts. Each test that asks for `demo` runs in a savepoint inside it."""
    from cms.demo import load_demo

    with rolled_back_at_the_end(django_db_blocker):
        summary = load_demo()
        yield {key: value for key, value in summary.items() if key != "users"}


@pytest.fixture
def demo(demo_built, db):
    return demo_built


@pytest.fixture(scope="module")
def shared_world_rows(django_db_setup, django_db_blocker):
    """tests/shared_world.py, built once for the module."""
    from tests.shared_world import build

    with rolled_back_at_the_end(django_db_blocker):
        yield build()


@pytest.fixture
def shared_world(shared_world_rows, db):
    """The shared world for one test: in its own savepoint, with instances read afresh."""
    from tests.shared_world import fresh

    return fresh(shared_world_rows)


@pytest.fixture
def tokyo(db):
    from tenants.models import Municipality

    return {m.slug: m for m in Municipality.objects.select_related("root_page")}


@pytest.fixture
def shinjuku(tokyo):
    return tokyo["shinjuku"]


@pytest.fixture
def bunkyo(tokyo):
    return tokyo["bunkyo"]


def create_user(username, role=None, municipality=None, **extra):
    """A user with the password above, in the groups of `role` (of `municipality` for municipal
    roles). Also used by worlds built once per module (tests/shared_world.py)."""
    extra.setdefault("email", f"{username}@example.jp")
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if role in GLOBAL_GROUP_NAMES:
        user.groups.add(Group.objects.get(name=GLOBAL_GROUP_NAMES[role]))
    elif role == Role.MUNICIPAL_COORDINATOR:
        user.groups.add(municipality.coordinators_group)
    elif role == Role.PLATFORM_MEMBER:
        user.groups.add(municipality.members_group)
    return user


@pytest.fixture
def make_user(db):
    return create_user


@pytest.fixture
def make_superuser(db):
    def make(username):
        return get_user_model().objects.create_superuser(username=username, email=f"{username}@example.jp",
                                                         password=PASSWORD)

    return make


@pytest.fixture
def shinjuku_coordinator(make_user, shinjuku):
    return make_user("shinjuku-coord", Role.MUNICIPAL_COORDINATOR, shinjuku)


@pytest.fixture
def bunkyo_coordinator(make_user, bunkyo):
    return make_user("bunkyo-coord", Role.MUNICIPAL_COORDINATOR, bunkyo)


@pytest.fixture
def metro_coordinator(make_user):
    return make_user("tokyo-coord", Role.METRO_COORDINATOR)


@pytest.fixture
def shinjuku_member(make_user, shinjuku):
    return make_user("shinjuku-member", Role.PLATFORM_MEMBER, shinjuku)


@pytest.fixture
def partner_editor(make_user):
    return make_user("partner-editor", Role.PARTNER_EDITOR)


def client_for(user, second_factor=True):
    """A separate signed-in client per user, so two roles can be used in one test. The session has
    passed two-factor sign-in (a confirmed authenticator) unless `second_factor` is False."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    if second_factor:
        verify_second_factor(client, user)
    return client


def verify_second_factor(client, user):
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def as_shinjuku(shinjuku_coordinator):
    return client_for(shinjuku_coordinator)


@pytest.fixture
def as_bunkyo(bunkyo_coordinator):
    return client_for(bunkyo_coordinator)


@pytest.fixture
def as_metro(metro_coordinator):
    return client_for(metro_coordinator)
