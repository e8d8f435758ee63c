"""DATABASES from DATABASE_URL: PostgreSQL in production and CI, a SQLite file as the embedded
default. Never raises: a URL naming no database we run on gives `NO_DATABASE`, which refuses
every query, and the settings module decides what to say (development raises at once,
production reports it as start-up check tsunagu.E002 along with every other problem)."""

import dj_database_url

POSTGRESQL = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"
# Django's stand-in backend: any query raises ImproperlyConfigured; nothing is ever written.
NO_DATABASE = {"ENGINE": "django.db.backends.dummy"}


def database_from_url(url, sqlite_test_name=None):
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except (ValueError, KeyError):
        return dict(NO_DATABASE)
    if config["ENGINE"] == SQLITE:
        # WAL and a busy timeout let the web server and the qcluster share the demo database.
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
        config.setdefault("TEST", {})["NAME"] = sqlite_test_name
    elif config["ENGINE"] != POSTGRESQL:
        return dict(NO_DATABASE)
    return config


def is_postgresql_url(url):
    return bool(url) and database_from_url(url)["ENGINE"] == POSTGRESQL
