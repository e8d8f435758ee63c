"""State every app server and every qcluster must see alike: the cache, the task queue, sessions
and the sign-in lock-out counters. Nothing here may live in one process's memory (see "Shared
state" in docs/operations.md): with several app servers behind a round-robin proxy, a value kept
in one process is a value the next request does not see.

REDIS_URL selects Redis for the cache and django-q2; without it, both use the database, which
every process already shares."""

import os

from django.utils.translation import gettext_lazy as _

REDIS_URL = os.environ.get("REDIS_URL", "")

# --- cache --------------------------------------------------------------------------------------
# Wagtail keeps its site root paths here and django-q2 its cluster status; a per-process (locmem)
# cache would show each app server its own stale copy. The database cache table is created by a
# post_migrate handler (cms/apps.py), so `make demo` and a fresh checkout need nothing else. Our
# DatabaseCache is Django's with an atomic incr(), which the rate limits count with.
CACHE_TABLE = "tsunagu_cache"
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "tenants.throttle.cache.DatabaseCache", "LOCATION": CACHE_TABLE}}

# --- sessions and lock-out counters -------------------------------------------------------------
# Sessions in the database: a sign-in on one app server is valid on every other, and survives a
# Redis restart (a lost session would drop the second factor mid-task).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# django-axes counts failed sign-ins in the database (AccessAttempt rows): five wrong passwords
# spread over several app servers lock the account, as they would on one.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

# --- rate limits on public forms ---------------------------------------------------------------
# django-ratelimit keeps its counters in the cache above (tenants/throttle): a script spreading its
# posts over the app servers meets one counter. Its system check refuses a per-process cache.
RATELIMIT_USE_CACHE = "default"
# Client address as the sign-in lock-out sees it (TSUNAGU_PROXY_COUNT trusted proxies).
RATELIMIT_IP_META_KEY = "tenants.throttle.client_ip"
# django-ratelimit names the backends it was tested with; Django's own RedisCache and our
# DatabaseCache (atomic incr, see tenants/throttle/cache.py) are not on its list.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

# --- task queue ---------------------------------------------------------------------------------
# Every qcluster uses the same name, so any of them may run a due schedule; django-q2 locks the
# schedule row while it queues the task, and each task claims its work in the database before it
# sends an email (docs/operations.md, "Shared state"), so two clusters never send a mail twice.
Q_CLUSTER = {
    "name": "tsunagu",
    "workers": int(os.environ.get("Q_WORKERS", "1")),
    "timeout": 120,
    "retry": 180,
    "catch_up": False,
    "label": _("Task queue"),
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    # The ORM broker needs no extra service; on SQLite one worker avoids "database is locked".
    Q_CLUSTER["orm"] = "default"
    Q_CLUSTER["poll"] = 0.5
