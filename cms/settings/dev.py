"""Development and demo: the embedded default (SQLite, ORM broker, file email)."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F403
from .base import DATABASES, VAR_DIR  # noqa: E402

# The demo loaders (tenants.demo_guard) run here and in the tests, never in production.
TSUNAGU_DEMO_ALLOWED = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.dummy":
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL or SQLite.")

if not SECRET_KEY and DEBUG:  # noqa: F405
    # Demo only: a stable per-checkout key so sessions survive restarts. Production refuses this.
    key_file = VAR_DIR / "dev-secret-key"
    key_file.parent.mkdir(parents=True, exist_ok=True)
    if not key_file.exists():
        from django.core.management.utils import get_random_secret_key

        key_file.write_text(get_random_secret_key())
    SECRET_KEY = key_file.read_text().strip()

if not DEBUG and not SECRET_KEY:  # noqa: F405
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

# The local demo signs in with a password only (README); TSUNAGU_REQUIRE_2FA=true tries 2FA out.
TSUNAGU_REQUIRE_2FA = env_bool("TSUNAGU_REQUIRE_2FA", False)  # noqa: F405
