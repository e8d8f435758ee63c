"""What /readyz asks: can this app server reach everything a request may need?

Each probe reads only (a storage is asked whether a probe name exists; nothing is written but one
short-lived cache key) and answers True or raises. The answer names each part and says "ok" or
"fail", never why: an exception's text can hold a host, a user name or a URL with a password.
The reason goes to the operators' log (logger tsunagu.health)."""

import logging
import os
from pathlib import Path

from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connections

from tenants.storage import private_storage

logger = logging.getLogger("tsunagu.health")
PROBE_NAME = "tsunagu-readiness-probe"


def _database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache():
    cache.set(PROBE_NAME, "ok", timeout=10)
    return cache.get(PROBE_NAME) == "ok"


def _writable_directory(location):
    """The directory is there and writable, or can be made (FileSystemStorage creates it on the
    first upload): its nearest existing parent is a writable directory."""
    path = Path(location)
    while not path.exists() and path != path.parent:
        path = path.parent
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)


def _storage_answers(storage):
    # A file system storage answers exists() even when its directory cannot be used (a volume
    # not mounted, a path that is a file): ask the directory itself, without writing to it.
    location = getattr(storage, "location", None)
    if location is not None and not _writable_directory(location):
        raise OSError("storage directory cannot be written")
    storage.exists(PROBE_NAME)  # object storage: a HEAD request with the configured credentials
    return True


def _storage():
    return _storage_answers(storages["default"])


def _private_storage():
    return _storage_answers(private_storage())


def _queue():
    from django_q.brokers import get_broker
    from django_q.conf import Conf

    if Conf.ORM:
        # The ORM broker's own ping() always says yes; ask its table on its database.
        from django_q.models import OrmQ

        OrmQ.objects.using(Conf.ORM).exists()
        return True
    return bool(get_broker().ping())


PROBES = {
    "database": _database,
    "cache": _cache,
    "storage": _storage,
    "private_storage": _private_storage,
    "queue": _queue,
}


def readiness():
    """{"status": "ok" | "fail", "checks": {name: "ok" | "fail"}}."""
    checks = {}
    for name, probe in PROBES.items():
        try:
            checks[name] = "ok" if probe() else "fail"
        except Exception as error:  # every failure is an answer here, whatever raised it
            logger.warning("readiness: %s failed (%s: %s)", name, type(error).__name__, error)
            checks[name] = "fail"
        if checks[name] == "fail" and name == "database":
            connections["default"].close_if_unusable_or_obsolete()
    status = "ok" if all(answer == "ok" for answer in checks.values()) else "fail"
    return {"status": status, "checks": checks}
