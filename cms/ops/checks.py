"""Start-up checks of the production settings (docs/deployment.md, "Start-up checks").

Active only under cms.settings.production (TSUNAGU_PRODUCTION). Every problem is its own
Error with its own id and a Japanese and English message naming the variable, so an operator
sees all of them at once: `manage.py check --deploy` lists them, and wsgi/asgi/manage.py refuse
to start while any is reported (cms/ops/startup.py). Whether a variable was set is read from the
environment the process started with; what Django will use is read from settings."""

import os
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_noop

from cms.settings.database import is_postgresql_url
from tenants.operator_messages import bilingual

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
S3_VARIABLES = ["TSUNAGU_S3_ENDPOINT_URL", "TSUNAGU_S3_REGION", "TSUNAGU_S3_ACCESS_KEY_ID",
                "TSUNAGU_S3_SECRET_ACCESS_KEY", "TSUNAGU_S3_BUCKET", "TSUNAGU_S3_PRIVATE_BUCKET"]
STORAGE_CHOICES = ("s3", "files")

MISSING = gettext_noop("%(name)s is not set.")
NOT_POSTGRESQL = gettext_noop(
    "DATABASE_URL must point at PostgreSQL (postgresql://…); SQLite and other databases are refused "
    "in production.")
SECRET_SHORT = gettext_noop("SECRET_KEY must be at least 50 characters long.")
SECRET_WEAK = gettext_noop(
    "SECRET_KEY looks insecure (too few different characters, or Django's 'django-insecure-' "
    "placeholder); generate a random one.")
CASE_KEY_INVALID = gettext_noop(
    "TSUNAGU_CASE_KEYS entry number %(position)s is not a valid Fernet key (32 bytes, URL-safe "
    "base64).")
NOT_SMTP = gettext_noop(
    "EMAIL_BACKEND must be the SMTP backend in production; file, console and memory backends "
    "would lose every email.")
STORAGE_UNSET = gettext_noop(
    'TSUNAGU_STORAGE must be set to "s3" (object storage shared by every app server) or "files" '
    "(one server only, an explicit choice).")
APP_SERVERS_INVALID = gettext_noop("TSUNAGU_APP_SERVERS must be a whole number of at least 1.")
REDIS_NEEDED = gettext_noop(
    "TSUNAGU_APP_SERVERS is %(servers)s but REDIS_URL is not set: several app servers need Redis "
    "for the shared cache and task queue.")
HOSTS_EMPTY = gettext_noop("ALLOWED_HOSTS is empty: set the site's host names, comma-separated.")
HOSTS_WILDCARD = gettext_noop('ALLOWED_HOSTS contains "*": name the site\'s hosts instead.')
DEBUG_ON = gettext_noop("DEBUG is on: it must be off in production.")
PRIVATE_UNDER_PUBLIC = gettext_noop(
    "PRIVATE_MEDIA_ROOT must be outside MEDIA_ROOT: files under MEDIA_ROOT can be served by a URL.")

HINT_SECRET = ("python -c 'from django.core.management.utils import get_random_secret_key as g; "
               "print(g())'")
HINT_FERNET = "python -c 'from cryptography.fernet import Fernet as F; print(F.generate_key().decode())'"


def _error(number, message, hint=None, **params):
    return checks.Error(bilingual(message, **params), hint=hint, id=f"tsunagu.E{number:03d}")


def _unset(name):
    return not os.environ.get(name, "").strip()


def production_only(check):
    def run(app_configs=None, **kwargs):
        return check() if getattr(settings, "TSUNAGU_PRODUCTION", False) else []

    run.__name__ = check.__name__
    run.__doc__ = check.__doc__
    return checks.register(run, "tsunagu", "deploy")


@production_only
def check_database():
    if _unset("DATABASE_URL"):
        return [_error(1, MISSING, name="DATABASE_URL")]
    if not is_postgresql_url(os.environ["DATABASE_URL"]):
        return [_error(2, NOT_POSTGRESQL)]
    return []


@production_only
def check_secret_key():
    try:
        key = settings.SECRET_KEY or ""
    except ImproperlyConfigured:  # Django's own refusal of an empty key, on first use
        key = ""
    if not key:
        return [_error(3, MISSING, hint=HINT_SECRET, name="SECRET_KEY")]
    problems = []
    if len(key) < 50:
        problems.append(_error(4, SECRET_SHORT, hint=HINT_SECRET))
    if len(set(key)) < 5 or key.startswith("django-insecure-"):
        problems.append(_error(5, SECRET_WEAK, hint=HINT_SECRET))
    return problems


@production_only
def check_case_keys():
    keys = list(getattr(settings, "TSUNAGU_CASE_KEYS", []) or [])
    if not keys:
        return [_error(6, MISSING, hint=HINT_FERNET, name="TSUNAGU_CASE_KEYS")]
    problems = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, TypeError):
            # The position, never the value: a key must not appear in a log.
            problems.append(_error(7, CASE_KEY_INVALID, hint=HINT_FERNET, position=position))
    return problems


@production_only
def check_email():
    if _unset("EMAIL_HOST"):
        return [_error(8, MISSING, name="EMAIL_HOST")]
    if settings.EMAIL_BACKEND != SMTP_BACKEND:
        return [_error(9, NOT_SMTP)]
    return []


@production_only
def check_storage():
    choice = os.environ.get("TSUNAGU_STORAGE", "").strip()
    if choice not in STORAGE_CHOICES:
        return [_error(10, STORAGE_UNSET)]
    if choice == "s3":
        return [_error(11, MISSING, name=name) for name in S3_VARIABLES if _unset(name)]
    public = Path(settings.MEDIA_ROOT).resolve()
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    if private == public or public in private.parents:
        return [_error(12, PRIVATE_UNDER_PUBLIC)]
    return []


@production_only
def check_shared_state():
    raw = os.environ.get("TSUNAGU_APP_SERVERS", "1").strip() or "1"
    try:
        servers = int(raw)
    except ValueError:
        servers = 0
    if servers < 1:
        return [_error(13, APP_SERVERS_INVALID)]
    if servers > 1 and _unset("REDIS_URL"):
        return [_error(14, REDIS_NEEDED, servers=servers)]
    return []


@production_only
def check_hosts_and_debug():
    problems = []
    if not settings.ALLOWED_HOSTS:
        problems.append(_error(15, HOSTS_EMPTY))
    elif "*" in settings.ALLOWED_HOSTS:
        problems.append(_error(16, HOSTS_WILDCARD))
    if settings.DEBUG:
        problems.append(_error(17, DEBUG_ON))
    return problems
