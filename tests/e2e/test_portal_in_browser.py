"""What a person sees in a real browser: the portal, its accessibility, and signing in."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cms.demo import DEMO_PASSWORD

from .conftest import has_authenticator, pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# JIS X 8341-3:2016 level AA = WCAG 2.0 A + AA.
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}, "resultTypes": ["violations"]}


def test_public_portal_is_japanese_accessible_and_reaches_a_municipality(tokyo_live, page):
    blocked = []  # the strict Content-Security-Policy must not break anything the public sees
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
    for path in ("/", "/shinjuku/", "/sumida/", "/news/", "/consultation/", "/events/", "/directory/"):
        page.goto(tokyo_live.url + path)
        assert page.locator("html").get_attribute("lang") == "ja"
        results = Axe().run(page, options=WCAG_AA)
        assert results.violations_count == 0, f"{path}\n{results.generate_report()}"
    assert blocked == []

    page.goto(tokyo_live.url + "/")
    assert "東京都ひきこもりサポートネット" in page.title()
    page.get_by_role("link", name="新宿区", exact=True).click()
    page.wait_for_url("**/shinjuku/")
    assert page.get_by_role("heading", level=1).inner_text() == "新宿区"
    # Keyboard users can jump straight to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "本文へ移動"


def test_shinjuku_coordinator_signs_in_and_sees_only_shinjuku(tokyo_live, page):
    page.goto(tokyo_live.url + "/admin/login/")
    has_authenticator("shinjuku")
    page.get_by_label("ユーザー名").fill("shinjuku")
    page.get_by_label("パスワード").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="サインイン").click()
    pass_second_factor(page, "shinjuku")
    page.wait_for_url("**/admin/")
    page.goto(tokyo_live.url + "/admin/pages/")
    body = page.locator("main").inner_text()
    assert "新宿区" in body and "文京区" not in body and "千代田区" not in body


def test_wrong_password_gets_a_japanese_message(tokyo_live, page):
    page.goto(tokyo_live.url + "/admin/login/")
    page.get_by_label("ユーザー名").fill("shinjuku")
    page.get_by_label("パスワード").fill("wrong-password")
    page.get_by_role("button", name="サインイン").click()
    expect(page.get_by_text("パスワードが一致しませんでした")).to_be_visible()
    assert "/admin/login/" in page.url
