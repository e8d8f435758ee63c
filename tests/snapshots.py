"""A world built once per test process, put back in about a second for each transactional test.

Transactional tests (a live server for the browser, real processes) end with a flush of every
table, so each one used to rebuild Tokyo and the demo from scratch: 15-30 s apiece, most of the
browser tests' time. The first build is copied aside and copied back before each later test:
- SQLite (in memory): SQLite's online backup API into a second in-memory database and back;
- PostgreSQL: a template database (`CREATE DATABASE ... TEMPLATE`), after closing our connections
  and ending the live server's.
Each test still starts from exactly the state a fresh build gives; nothing is shared between
tests except the time it took to build."""

import sqlite3

from django.core.cache import caches
from django.db import connection

_snapshots = {}


def restore_or_build(name, build):
    """Put the database into the state `build()` leaves on a flushed database: build and copy it
    aside the first time, copy it back afterwards."""
    if name in _snapshots:
        _restore(name)
    else:
        build()
        _snapshots[name] = _take(name)
    _forget_cached_rows()


def _forget_cached_rows():
    """Content type ids and cached pages refer to rows that were just replaced."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    for cache in caches.all():
        cache.clear()


def _take(name):
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        return copy
    snapshot = f"{connection.settings_dict['NAME']}_snap_{name}"
    with _pg_admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{snapshot}" WITH (FORCE)')
        _end_sessions(admin, connection.settings_dict["NAME"])
        admin.execute(f'CREATE DATABASE "{snapshot}" TEMPLATE "{connection.settings_dict["NAME"]}"')
    return snapshot


def _restore(name):
    snapshot = _snapshots[name]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        snapshot.backup(connection.connection)
        return
    database = connection.settings_dict["NAME"]
    with _pg_admin() as admin:
        _end_sessions(admin, database)
        admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{database}" TEMPLATE "{snapshot}"')


def _end_sessions(admin, database):
    """Close ours (Django reconnects on the next query) and end the live server threads' (their
    health check reconnects them on the next request)."""
    connection.close()
    admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                  "WHERE datname = %s AND pid <> pg_backend_pid()", [database])


def _pg_admin():
    import psycopg

    params = connection.get_connection_params()
    keep = {key: params[key] for key in ("host", "port", "user", "password") if params.get(key)}
    return psycopg.connect(dbname="postgres", autocommit=True, **keep)


def drop_all():
    """End of the test process: PostgreSQL snapshots are databases of their own."""
    if connection.vendor != "postgresql":
        _snapshots.clear()
        return
    with _pg_admin() as admin:
        for snapshot in _snapshots.values():
            admin.execute(f'DROP DATABASE IF EXISTS "{snapshot}" WITH (FORCE)')
    _snapshots.clear()
