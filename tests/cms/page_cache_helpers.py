"""Shared steps of the page-cache tests: turn the cache on, have an anonymous visitor fill it,
and look at what the shared cache really holds (the rows of the database cache table, or the
keys in Redis when REDIS_URL is set)."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client

from cms.page_cache import PAGE_PREFIX


@pytest.fixture
def page_cache(settings, db):
    settings.TSUNAGU_PAGE_CACHE = True
    cache.clear()
    return cache


def cached(client, path):
    """`path` fetched anonymously until it comes from the cache; its page."""
    client.get(path)
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    assert response["X-Page-Cache"] == "hit", (path, response["X-Page-Cache"])
    return response


def anonymous_body(path):
    """What a new visitor (no cookie at all) is shown at `path` now."""
    response = Client().get(path)
    return response, response.content.decode()


def stored_pages():
    """How many pages the shared cache holds now."""
    store = caches["default"]
    backend = type(store).__name__
    if backend == "DatabaseCache":
        table = connection.ops.quote_name(store._table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE cache_key LIKE %s", [f"%{PAGE_PREFIX}%"])
            return cursor.fetchone()[0]
    if backend == "RedisCache":
        client = store._cache.get_client(None)
        return sum(1 for _ in client.scan_iter(match=f"*{PAGE_PREFIX}*"))
    raise AssertionError(f"cannot look into a {backend}")


def private(response):
    control = response.get("Cache-Control", "")
    return "private" in control and "no-store" in control
