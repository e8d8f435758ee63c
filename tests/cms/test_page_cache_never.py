"""Answers the anonymous page cache must never keep: a draft preview, a response to a visitor
who carries a message, a page with a CSRF form (the event application form, the password form
of a protected page). Each answers `Cache-Control: private, no-store` (so nginx or a CDN does
not keep it either) and the shared cache holds no more pages afterwards; fetched again after a
change, it shows the change. Hostile requests (forged cookies, a forged Host, a POST) neither
read nor poison the shared copy."""

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from cms.page_cache import page_key
from tests.tenants.helpers import add_page
from tests.training.events.helpers import make_event

from .page_cache_helpers import page_cache, private, stored_pages  # noqa: F401 (fixture)


def stored_at(path):
    """The copy the shared cache holds for an anonymous visitor of `path`, if any."""
    return cache.get(page_key(RequestFactory().get(path)))


@pytest.fixture
def notice(shinjuku):
    return add_page(shinjuku.root_page, "家族会のお知らせ", "kazokukai")


def test_a_draft_preview_is_private_and_never_stored(client, page_cache, as_shinjuku, notice):
    assert client.get("/shinjuku/kazokukai/")["X-Page-Cache"] == "miss"
    count = stored_pages()
    assert count >= 1  # the live page is there to be seen
    edit = reverse("wagtailadmin_pages:edit", args=[notice.pk])
    draft = {"title": "下書き：12月の家族会", "slug": notice.slug, "intro": "未公開の予定です。", "body-count": "0"}
    assert as_shinjuku.post(edit, draft).status_code == 302  # saved as a draft
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[notice.pk])
    assert as_shinjuku.post(preview, draft).json()["is_valid"] is True
    for path in (preview, reverse("wagtailadmin_pages:view_draft", args=[notice.pk])):
        shown = as_shinjuku.get(path)
        assert shown.status_code == 200 and "下書き：12月の家族会" in shown.content.decode(), path
        assert private(shown) and shown["X-Page-Cache"] == "skip", (path, shown.get("Cache-Control"))
    assert stored_pages() == count
    live = client.get("/shinjuku/kazokukai/")
    assert live["X-Page-Cache"] == "hit" and "下書き" not in live.content.decode()
    assert "下書き" not in Client().get("/shinjuku/").content.decode()


def test_a_visitor_carrying_a_message_gets_a_private_answer_that_is_never_stored(page_cache, shinjuku_coordinator,
                                                                                 tokyo):
    from tests.conftest import client_for

    visitor = client_for(shinjuku_coordinator)
    signed_out = visitor.post(reverse("wagtailadmin_logout"))
    assert signed_out.status_code == 302
    assert visitor.cookies["messages"].value  # 「ログアウトしました」 waits for the next admin page
    count = stored_pages()
    for _ in range(2):
        home = visitor.get("/")
        assert home.status_code == 200 and home["X-Page-Cache"] == "skip"
        assert private(home), home.get("Cache-Control")
    assert stored_pages() == count and stored_at("/") is None
    assert Client().get("/")["X-Page-Cache"] == "miss"  # the first shared copy comes from a clean visitor


def test_the_event_application_form_is_private_and_never_stored(client, page_cache, as_shinjuku, shinjuku):
    event, _sessions = make_event(title="新宿区 家族セミナー", municipality=shinjuku)
    path = reverse("event_detail", args=[event.pk])
    count = stored_pages()
    first = client.get(path)
    assert "csrfmiddlewaretoken" in first.content.decode()
    assert private(first) and first["X-Page-Cache"] == "skip"
    assert stored_pages() == count and stored_at(path) is None
    response = as_shinjuku.post(reverse("events:edit", args=[event.pk]), {
        "kind": event.kind, "audience": event.audience, "title": "新宿区 家族セミナー（満席間近）",
        "title_kana": "", "municipality": shinjuku.pk, "venue": event.venue, "address": "", "description": "",
        "deadline": timezone.localtime(event.deadline).strftime("%Y-%m-%d %H:%M"), "waiting_list": "on",
        "max_per_group": "", "min_age": "", "max_age": "", "application_method": event.application_method,
        "contact_phone": event.contact_phone, "published": "on"})
    assert response.status_code == 302
    second = client.get(path)
    assert "新宿区 家族セミナー（満席間近）" in second.content.decode() and private(second)
    assert stored_pages() == count


def test_the_password_form_of_a_protected_page_is_private_and_never_stored(client, page_cache, notice):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=notice, restriction_type=PageViewRestriction.PASSWORD,
                                       password="kazoku-2026")
    count = stored_pages()
    for _ in range(2):
        form = client.get("/shinjuku/kazokukai/")
        assert form.status_code == 200 and "csrfmiddlewaretoken" in form.content.decode()
        assert 'name="password"' in form.content.decode()
        assert private(form) and form["X-Page-Cache"] == "skip", form.get("Cache-Control")
    assert stored_pages() == count and stored_at("/shinjuku/kazokukai/") is None


@pytest.mark.parametrize("cookie", ["messages", "sessionid"])
def test_a_forged_cookie_neither_reads_nor_fills_the_cache(client, page_cache, tokyo, cookie):
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    forger = Client()
    forger.cookies[cookie] = '"<script>alert(1)</script>"$'
    count = stored_pages()
    for _ in range(2):
        answer = forger.get("/")
        assert answer.status_code == 200 and answer["X-Page-Cache"] == "skip"
        assert "<script>alert(1)</script>" not in answer.content.decode()
    assert stored_pages() == count
    assert client.get("/").content == first.content


def test_a_forged_host_or_forwarded_header_keeps_its_own_copy(client, page_cache, tokyo):
    poisoned = Client().get("/", HTTP_HOST="evil.example", HTTP_X_FORWARDED_HOST="evil.example")
    assert poisoned["X-Page-Cache"] == "miss"
    honest = client.get("/")
    assert honest["X-Page-Cache"] == "miss" and "evil.example" not in honest.content.decode()


def test_a_post_to_a_cached_page_is_never_answered_from_the_cache(client, page_cache, tokyo):
    client.get("/directory/")
    assert client.get("/directory/")["X-Page-Cache"] == "hit"
    posted = client.post("/directory/", {"q": "x"})
    assert posted["X-Page-Cache"] == "skip" and private(posted)
