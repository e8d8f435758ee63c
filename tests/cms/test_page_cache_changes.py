"""The anonymous page cache as owners change what pages show: a window published by its
municipality's coordinator shows on the next request of the cached list; another municipality's
coordinator cannot change it; hostile query strings neither break the key nor answer 500."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from cms.page_cache import page_key

from tests.network.test_windows_admin import form_data, make_window, url

WINDOWS = "/windows/"


@pytest.fixture
def page_cache(settings, db):
    settings.TSUNAGU_PAGE_CACHE = True
    cache.clear()


@pytest.fixture
def shinjuku_window(shinjuku):
    return make_window(shinjuku, "新宿区ひきこもり相談", phone="03-5273-0000")


def cached(client, path):
    client.get(path)
    response = client.get(path)
    assert response["X-Page-Cache"] == "hit", path
    return response


def test_coordinator_renaming_a_window_shows_on_the_cached_list(client, page_cache, as_shinjuku, shinjuku,
                                                                  shinjuku_window):
    assert "新宿区ひきこもり相談" in cached(client, WINDOWS).content.decode()
    response = as_shinjuku.post(url("edit", shinjuku_window.pk),
                                form_data(shinjuku, name="新宿区ひきこもり相談センター", **{"action-publish": "1"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    after = client.get(WINDOWS)
    assert after["X-Page-Cache"] == "miss"
    assert "新宿区ひきこもり相談センター" in after.content.decode()


def test_another_municipalitys_coordinator_cannot_change_the_cached_list(client, page_cache, as_bunkyo, shinjuku,
                                                                          shinjuku_window):
    before = cached(client, WINDOWS).content
    as_bunkyo.post(url("edit", shinjuku_window.pk),
                   form_data(shinjuku, name="乗っ取り", **{"action-publish": "1"}))
    after = client.get(WINDOWS)
    assert "乗っ取り" not in after.content.decode()
    assert after.content == before


def test_another_municipalitys_window_leaves_this_municipalitys_pages_cached(client, page_cache, as_bunkyo,
                                                                              bunkyo, shinjuku):
    cached(client, "/shinjuku/")
    response = as_bunkyo.post(url("add"), form_data(bunkyo, name="文京区の新しい窓口", **{"action-publish": "1"}))
    assert response.status_code == 302
    assert client.get("/shinjuku/")["X-Page-Cache"] == "hit"
    assert "文京区の新しい窓口" in client.get(WINDOWS).content.decode()


@pytest.mark.parametrize("query", [
    "q=" + "あ" * 20000,
    "&".join(f"p{n}={n}" for n in range(2000)),
    "%ff%fe=%c3%28&%80=%e2%82",
    "a=<script>alert(1)</script>&b='\"--",
])
def test_hostile_query_strings_keep_a_short_key_and_never_answer_500(client, page_cache, tokyo, query):
    response = client.get(f"{WINDOWS}?{query}")
    assert response.status_code in (200, 400, 404)
    assert len(page_key(RequestFactory().get(f"{WINDOWS}?{query}"))) < 200
    again = client.get(f"{WINDOWS}?{query}")
    assert again.status_code == response.status_code


def test_a_cancelled_seat_shows_at_once_on_the_event_page_which_is_never_stored(client, page_cache, tokyo):
    import datetime

    from django.urls import reverse
    from django.utils import timezone

    from tests.training.events.helpers import make_event, person
    from training.events import services as bookings
    from training.models import Event

    event, (session, _other) = make_event(seats=2)
    application = bookings.apply(event, [session], **person(1))
    # Even closed (no form), the event page is never_cache: its seats are read on every request.
    Event.objects.filter(pk=event.pk).update(deadline=timezone.now() - datetime.timedelta(hours=1))
    path = reverse("event_detail", args=[event.pk])
    client.get(path)
    before = client.get(path)
    assert before["X-Page-Cache"] == "skip" and "定員2・申込1" in before.content.decode()
    bookings.cancel(application)
    after = client.get(path)
    assert after["X-Page-Cache"] == "skip" and "定員2・申込0" in after.content.decode()
