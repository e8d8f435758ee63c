"""Security headers on the public site and the admin: CSP, framing, cookies."""

from django.test import Client
from django.urls import reverse

from tests.conftest import client_for


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_carry_a_strict_content_security_policy(shinjuku):
    for path in ("/", shinjuku.root_page.url, "/events/", "/directory/", "/search/?q=相談"):
        response = Client().get(path)
        assert response.status_code == 200, path
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], path
        assert "Content-Security-Policy-Report-Only" not in response
        assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"


def test_admin_enforces_its_policy_and_reports_against_the_strict_one(shinjuku_coordinator):
    response = client_for(shinjuku_coordinator).get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    enforced = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in enforced["script-src"] and enforced["object-src"] == ["'none'"]
    assert enforced["form-action"] == ["'self'"] and enforced["base-uri"] == ["'self'"]
    assert directives(response["Content-Security-Policy-Report-Only"])["script-src"] == ["'self'"]


def test_session_cookie_is_http_only_and_ends_with_the_browser(shinjuku_coordinator, settings):
    client = Client()
    response = client.post(reverse("wagtailadmin_login"), {"username": "shinjuku-coord",
                                                           "password": "correct-horse-battery-9"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and not cookie["expires"] and not cookie["max-age"]
    assert settings.SESSION_COOKIE_AGE <= 2 * 60 * 60
