"""The other limited public forms (the cancellation link, the invitation link, the site and
directory search, the admin sign-in): a burst from one address is first challenged where the form
has a challenge, then refused with the Japanese 429 page; never a server error, nothing changed
beyond the limit. Another address is not affected."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from network.profiles import services as profiles
from tenants.throttle import Limit
from tests.network.profiles_helpers import make_organisation
from training.events import services as bookings
from training.models import Application
from tests.training.events.helpers import make_event, person

from .test_public_form_limits import solve

SCRIPT = "198.51.100.9"


@pytest.fixture
def limits(settings):
    cache.clear()
    settings.TSUNAGU_RATE_LIMITS = {
        "event_cancel": Limit(soft=1, hard=3, window=3600), "invitation": Limit(soft=1, hard=3, window=3600),
        "search": Limit(soft=None, hard=2, window=600), "sign_in": Limit(soft=None, hard=2, window=600)}
    yield
    cache.clear()


def is_the_japanese_refusal(response):
    body = response.content.decode()
    return (response.status_code == 429 and "送信が多すぎます" in body and "0120-529-528" in body
            and response["Retry-After"].isdigit())


def test_cancellation_links_are_challenged_then_refused(db, limits):
    event, (session, _other) = make_event(seats=10)
    links = [reverse("event_cancel", args=[bookings.cancel_token(bookings.apply(event, [session], **person(n)))])
             for n in range(4)]
    script = Client(REMOTE_ADDR=SCRIPT)
    assert script.post(links[0]).status_code == 200                        # within the limit: cancelled
    challenged = script.post(links[1])
    assert challenged.status_code == 400 and "altcha-widget" in challenged.content.decode()
    assert "ロボットではありません" in challenged.content.decode()
    payload = solve(script.get(links[1]).content.decode())
    assert script.post(links[1], {"altcha": payload}).status_code == 200    # a person ticks the box: cancelled
    assert is_the_japanese_refusal(script.post(links[2], {"altcha": payload}))
    statuses = [a.status for a in Application.objects.order_by("pk")]
    assert statuses == ["cancelled", "cancelled", "confirmed", "confirmed"]
    assert Client(REMOTE_ADDR="203.0.113.5").post(links[3]).status_code == 200   # another address


def test_a_solved_challenge_is_accepted_once(db, limits):
    event, (session, _other) = make_event(seats=10)
    links = [reverse("event_cancel", args=[bookings.cancel_token(bookings.apply(event, [session], **person(n)))])
             for n in range(3)]
    script = Client(REMOTE_ADDR=SCRIPT)
    script.post(links[0])
    payload = solve(script.get(links[1]).content.decode())
    assert script.post(links[1], {"altcha": payload}).status_code == 200
    replayed = script.post(links[2], {"altcha": payload})
    assert replayed.status_code == 400 and "altcha-widget" in replayed.content.decode()
    assert Application.objects.filter(status="confirmed").count() == 1


def test_invitation_links_are_challenged_then_refused(db, limits, metro_coordinator):
    group = make_organisation("ひだまりの会", "ひだまりのかい")
    invitation = profiles.invite(group, "aoi@hidamari.example.jp", by=metro_coordinator)
    url = reverse("accept_invitation", args=[profiles.token_for(invitation)])
    script = Client(REMOTE_ADDR=SCRIPT)
    assert script.get(url).status_code == 200                           # the first try of the link
    page = script.get(url)                                              # the second: a challenge
    assert page.status_code == 200 and "altcha-widget" in page.content.decode()
    account = {"name": "青井 葵", "password1": "kokoro-no-mado-2026", "password2": "kokoro-no-mado-2026"}
    refused = script.post(url, account)                                 # without solving it
    assert refused.status_code in (200, 400) and "altcha-widget" in refused.content.decode()
    assert not get_user_model().objects.filter(email="aoi@hidamari.example.jp").exists()
    assert is_the_japanese_refusal(script.post(url, {**account, "altcha": solve(page.content.decode())}))
    assert not get_user_model().objects.filter(email="aoi@hidamari.example.jp").exists()


@pytest.mark.parametrize("name", ["search", "directory"])
def test_a_search_burst_is_refused_and_browsing_is_not_counted(db, limits, name):
    url = reverse(name)
    script = Client(REMOTE_ADDR=SCRIPT)
    for _ in range(5):
        assert script.get(url).status_code == 200                       # no keyword: not a search
    for word in ("相談", "家族会"):
        assert script.get(url, {"q": word}).status_code == 200
    assert is_the_japanese_refusal(script.get(url, {"q": "<script>alert(1)</script>"}))
    assert Client(REMOTE_ADDR="203.0.113.5").get(url, {"q": "相談"}).status_code == 200


def test_a_sign_in_burst_is_refused_without_a_server_error(db, limits, metro_coordinator):
    url = "/admin/login/"
    script = Client(REMOTE_ADDR=SCRIPT)
    for n in range(2):
        response = script.post(url, {"username": f"nobody{n}", "password": "wrong"})
        assert response.status_code == 200 and "サインイン" in response.content.decode()
    assert is_the_japanese_refusal(script.post(url, {"username": metro_coordinator.username, "password": "x"}))
    assert Client(REMOTE_ADDR="203.0.113.5").get(url).status_code == 200
