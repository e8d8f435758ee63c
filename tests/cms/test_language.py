"""One language on the public site: Japanese, whatever the browser asks for; the admin follows
the signed-in user's own preference."""

import pytest

from tests.conftest import client_for

ENGLISH = "en-US,en;q=0.9"


@pytest.mark.parametrize("path", ["/", "/shinjuku/", "/windows/", "/directory/", "/events/",
                                  "/search/?q=家族会", "/no-such-page/"])
def test_an_english_browser_still_gets_the_japanese_public_site(client, tokyo, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=ENGLISH)
    assert response.status_code in (200, 404)
    body = response.content.decode()
    assert '<html lang="ja">' in body
    assert response.get("Content-Language", "ja") == "ja"


def test_an_english_browser_gets_the_japanese_public_labels(client, tokyo):
    body = client.get("/windows/", HTTP_ACCEPT_LANGUAGE=ENGLISH).content.decode()
    assert "相談窓口" in body
    assert "Consultation windows" not in body


def test_an_english_browser_gets_the_japanese_sign_in_page(client, db):
    body = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=ENGLISH).content.decode()
    assert "サインイン" in body
    assert "Sign in" not in body


def test_the_admin_follows_the_users_own_language_preference(shinjuku_coordinator):
    client = client_for(shinjuku_coordinator)
    assert "ダッシュボード" in client.get("/admin/", HTTP_ACCEPT_LANGUAGE=ENGLISH).content.decode()
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(shinjuku_coordinator)
    profile.preferred_language = "en"
    profile.save()
    body = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "Dashboard" in body and "ダッシュボード" not in body
