"""Login throttling: repeated wrong passwords lock that user name out with a Japanese message; a
success before the limit resets the count; other users are not affected."""

from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD


def attempt(client, username, password):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password},
                       REMOTE_ADDR="203.0.113.7")


def test_five_wrong_passwords_lock_the_user_out_even_with_the_right_one(shinjuku_coordinator, bunkyo_coordinator,
                                                                           settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "shinjuku-coord", "wrong-password-1").status_code == 200
    locked = attempt(client, "shinjuku-coord", "wrong-password-1")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "ログインを一時停止" in text and "15分" in text and "Traceback" not in text
    right = attempt(Client(), "shinjuku-coord", PASSWORD)
    assert right.status_code == 429 and "_auth_user_id" not in Client().session
    # Another user from the same address still signs in.
    assert attempt(Client(), "bunkyo-coord", PASSWORD).status_code == 302


def test_a_success_resets_the_count(shinjuku_coordinator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(Client(), "shinjuku-coord", "wrong-password-1")
    assert attempt(Client(), "shinjuku-coord", PASSWORD).status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(Client(), "shinjuku-coord", "wrong-password-1").status_code == 200


def test_behind_a_proxy_lock_out_follows_the_client_address_not_the_proxys(shinjuku_coordinator, settings):
    settings.TSUNAGU_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post(reverse("wagtailadmin_login"), {"username": "shinjuku-coord", "password": "wrong-password-1"},
                      REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")
    # The coordinator, from their own address through the same proxy, still signs in.
    ok = Client().post(reverse("wagtailadmin_login"), {"username": "shinjuku-coord", "password": PASSWORD},
                       REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.20")
    assert ok.status_code == 302
    locked = Client().post(reverse("wagtailadmin_login"), {"username": "shinjuku-coord", "password": PASSWORD},
                           REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")
    assert locked.status_code == 429
