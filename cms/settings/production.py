"""Production: DEBUG off, a SECRET_KEY from the environment, HTTPS only."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
if not SECRET_KEY or len(SECRET_KEY) < 50:  # noqa: F405
    raise ImproperlyConfigured(
        "SECRET_KEY must be set (50+ random characters) when DEBUG is off; "
        "generate one with: python -c 'from django.core.management.utils import "
        "get_random_secret_key as g; print(g())'"
    )

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

if not TSUNAGU_CASE_KEYS:  # noqa: F405
    raise ImproperlyConfigured(
        "TSUNAGU_CASE_KEYS must be set: one or more Fernet keys, comma-separated, the newest first; "
        "generate one with: python -c 'from cryptography.fernet import Fernet as F; "
        "print(F.generate_key().decode())'"
    )

# Every admin sign-in needs the second factor in production, whatever the environment says.
TSUNAGU_REQUIRE_2FA = True
