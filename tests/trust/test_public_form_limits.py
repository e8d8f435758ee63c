"""A script posting the event form from one address is first asked for a proof of work, then
refused with the Japanese 429 page; no application is written beyond the limit."""

import hashlib
import json
import re
import base64
import html

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tenants.throttle import Limit
from training.models import Application
from tests.training.events.helpers import make_event, person


@pytest.fixture
def low_limits(settings):
    cache.clear()
    settings.TSUNAGU_RATE_LIMITS = {"event_apply": Limit(soft=2, hard=4, window=3600)}
    yield
    cache.clear()


def form_data(event, session, n):
    data = person(n)
    data.update({"residence": "", "mode": "in_person", "preference_1": session.pk})
    return data


def solve(page):
    """What the widget does in the browser: find the number whose SHA-256 with the salt is the challenge."""
    challenge = json.loads(html.unescape(re.search(r'challengejson="([^"]+)"', page).group(1)))
    for number in range(challenge["maxNumber"] + 1):
        if hashlib.sha256((challenge["salt"] + str(number)).encode()).hexdigest() == challenge["challenge"]:
            payload = {**{k: challenge[k] for k in ("algorithm", "challenge", "salt", "signature")}, "number": number}
            return base64.b64encode(json.dumps(payload).encode()).decode()
    raise AssertionError("unsolvable")


def test_the_cache_is_shared_not_per_process():
    assert django_settings.CACHES["default"]["BACKEND"] in (
        "tenants.throttle.cache.DatabaseCache", "django.core.cache.backends.redis.RedisCache")


def test_a_burst_is_challenged_then_refused_and_writes_nothing_beyond(db, low_limits):
    from tenants.models import Municipality

    event, (session, _other) = make_event(seats=50)
    residence = Municipality.objects.first()
    url = reverse("event_detail", args=[event.pk])
    client = Client(REMOTE_ADDR="198.51.100.7")
    for n in (1, 2):
        data = {**form_data(event, session, n), "residence": residence.pk}
        assert client.post(url, data).status_code == 200
    # Third post from the same address, another client session: a challenge is asked for.
    other = Client(REMOTE_ADDR="198.51.100.7")
    response = other.post(url, {**form_data(event, session, 3), "residence": residence.pk})
    assert response.status_code == 400 and "altcha-widget" in response.content.decode()
    assert Application.objects.count() == 2
    payload = solve(response.content.decode())
    response = other.post(url, {**form_data(event, session, 4), "residence": residence.pk, "altcha": payload})
    assert response.status_code == 200 and Application.objects.count() == 3
    # Above the hard limit: the Japanese refusal with the phone number, nothing written.
    response = other.post(url, {**form_data(event, session, 5), "residence": residence.pk, "altcha": payload})
    assert response.status_code == 429
    assert "0120-529-528" in response.content.decode() and "送信が多すぎます" in response.content.decode()
    assert Application.objects.count() == 3
