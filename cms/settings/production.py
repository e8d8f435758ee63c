"""Production: DEBUG off, everything that differs per deployment from the environment, HTTPS only.

Nothing here raises: a missing or unsafe variable is reported by the start-up checks
(cms/ops/checks.py, ids tsunagu.E001…), all of them at once, and wsgi/asgi/manage.py refuse to
start while any is reported (docs/deployment.md, "Start-up checks"). Until then the settings
fall back to values that cannot do harm: no database rather than a SQLite file, no host allowed."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list
from .database import NO_DATABASE, is_postgresql_url
from .log_config import logging_config

TSUNAGU_PRODUCTION = True
# Demo data (published passwords) is refused by tenants.demo_guard.
TSUNAGU_DEMO_ALLOWED = False

DEBUG = False
# No default host list: a production server answers only to the names it is given.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

if not is_postgresql_url(os.environ.get("DATABASE_URL", "")):
    # Refused by tsunagu.E001/E002; never the embedded SQLite default in production.
    DATABASES = {"default": dict(NO_DATABASE)}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Every admin sign-in needs the second factor in production, whatever the environment says.
TSUNAGU_REQUIRE_2FA = True

# Every log line is one JSON object (the request log's fields at the top level).
LOGGING = logging_config(os.environ.get("LOG_LEVEL", "WARNING"), json_everywhere=True)
