"""The anonymous page cache (cms/page_cache.py): shared pages come from the cache until a change
that shows on them, and personal answers never do."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.tenants.helpers import add_page


@pytest.fixture
def page_cache(settings, db):
    settings.TSUNAGU_PAGE_CACHE = True
    from django.core.cache import cache

    cache.clear()
    return cache


def test_second_anonymous_home_request_comes_from_the_cache_in_two_queries(client, page_cache, tokyo):
    first = client.get("/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "s-maxage=60" in first["Cache-Control"]
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert len(queries) <= 2, [q["sql"] for q in queries]
    assert client.get("/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_publishing_a_page_shows_on_the_next_request(client, page_cache, shinjuku):
    client.get("/shinjuku/")
    assert client.get("/shinjuku/")["X-Page-Cache"] == "hit"
    add_page(shinjuku.root_page, "新しいお知らせページ", "atarashii", publish=True)
    response = client.get("/shinjuku/")
    assert response["X-Page-Cache"] == "miss" and "新しいお知らせページ" in response.content.decode()


def test_unpublishing_a_page_shows_on_the_next_request(client, page_cache, shinjuku):
    page = add_page(shinjuku.root_page, "消えるページ", "kieru", publish=True)
    assert client.get("/shinjuku/kieru/").status_code == 200
    assert client.get("/shinjuku/kieru/")["X-Page-Cache"] == "hit"
    page.unpublish()
    assert client.get("/shinjuku/kieru/").status_code == 404


def test_a_signed_in_user_never_gets_or_fills_the_cache(client, page_cache, shinjuku, shinjuku_coordinator):
    client.get("/shinjuku/")
    client.force_login(shinjuku_coordinator)
    response = client.get("/shinjuku/")
    assert response["X-Page-Cache"] == "skip" and "private" in response["Cache-Control"]


def test_query_strings_are_keyed_apart(client, page_cache, tokyo):
    assert client.get("/windows/?area=多摩")["X-Page-Cache"] == "miss"
    assert client.get("/windows/?area=区部")["X-Page-Cache"] == "miss"
    assert client.get("/windows/?area=多摩")["X-Page-Cache"] == "hit"


def test_a_members_only_page_is_never_stored(client, page_cache, shinjuku, shinjuku_member):
    from wagtail.models import PageViewRestriction

    page = add_page(shinjuku.root_page, "会員向けの資料", "kaiin", publish=True)
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(shinjuku.members_group)
    for _ in range(2):
        response = client.get("/shinjuku/kaiin/")
        assert response["X-Page-Cache"] == "skip" and "会員向けの資料" not in response.content.decode()
    from tests.conftest import client_for

    shown = client_for(shinjuku_member).get("/shinjuku/kaiin/")
    assert "会員向けの資料" in shown.content.decode() and "no-store" in shown["Cache-Control"]
    assert "会員向けの資料" not in client.get("/shinjuku/kaiin/").content.decode()


def test_stored_entries_hold_no_csrf_token_cookie_or_personal_data(client, page_cache, shinjuku,
                                                                    shinjuku_coordinator):
    from django.test import RequestFactory

    from cms.page_cache import page_key

    paths = ["/", "/shinjuku/", "/windows/", "/windows/csv/", "/events/", "/events/ical/", "/news/"]
    for path in paths:
        client.get(path)
    stored = [page_cache.get(page_key(RequestFactory().get(path))) for path in paths]
    assert any(stored)
    for entry in filter(None, stored):
        status, headers, content = entry
        assert b"csrfmiddlewaretoken" not in content
        assert not any(name.lower() == "set-cookie" for name, _ in headers)
        assert shinjuku_coordinator.email.encode() not in content
