"""Tests: the database from DATABASE_URL (PostgreSQL in CI) or SQLite; tasks run synchronously.

django-q2 reads Q_CLUSTER once at import, so "sync" must be set here, not overridden at runtime."""

import os
import tempfile

if os.environ.get("PYTEST_XDIST_WORKER"):
    # Each parallel worker its own uploads and mail (the controller's directory is inherited).
    os.environ["TSUNAGU_VAR_DIR"] = tempfile.mkdtemp(prefix=f"tsunagu-test-{os.environ['PYTEST_XDIST_WORKER']}-")
else:
    os.environ.setdefault("TSUNAGU_VAR_DIR", tempfile.mkdtemp(prefix="tsunagu-test-"))

from .base import *  # noqa: E402,F403
from .base import Q_CLUSTER  # noqa: E402

DEBUG = False
TSUNAGU_DEMO_ALLOWED = True
SECRET_KEY = "test-only-key-not-for-production-" + "x" * 32
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
Q_CLUSTER = {**Q_CLUSTER, "sync": os.environ.get("TSUNAGU_Q_SYNC", "1") == "1"}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "tenants.search_backend"}}
# The page cache is off in tests, so each test sees what it changed even through paths that are
# not its concern; tests/cms/test_page_cache.py (and the multi-server run) turn it on.
TSUNAGU_PAGE_CACHE = False
