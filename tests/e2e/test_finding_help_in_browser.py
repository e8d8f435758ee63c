"""A visitor finds help: their municipality's windows, the directory, search (Chromium + axe)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .test_portal_in_browser import WCAG_AA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page, label):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{label}\n{results.generate_report()}"


def test_visitor_finds_windows_filters_the_directory_and_searches(tokyo_live, page):
    base = tokyo_live.url

    # The window list: filter to windows reachable by email, then open a municipality.
    page.goto(base + "/windows/")
    assert_accessible(page, "window list")
    page.get_by_label("相談の方法").select_option(label="メール")
    page.get_by_role("button", name="表示する").click()
    expect(page.get_by_text("ひきこもりに関する専用相談窓口「すみ家」")).to_be_visible()
    expect(page.get_by_text("ひきこもり総合相談窓口")).to_have_count(0)
    assert "method=email" in page.url
    page.get_by_role("link", name="墨田区", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("墨田区")
    expect(page.get_by_text("080-9817-4740")).to_be_visible()

    # The directory: family associations in the Tama area.
    page.goto(base + "/directory/")
    assert_accessible(page, "directory list")
    page.get_by_label("地域").select_option(label="多摩")
    page.get_by_label("支援の種類").select_option(label="家族会")
    page.get_by_role("button", name="表示する").click()
    expect(page.get_by_role("link", name="KHJ町田家族会")).to_be_visible()
    expect(page.get_by_role("link", name="フリーランス杉並家族会")).to_have_count(0)
    page.get_by_role("link", name="KHJ町田家族会").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("KHJ町田家族会")
    assert_accessible(page, "organisation detail")

    # Search in hiragana for a katakana word, open a result.
    page.goto(base + "/search/")
    page.get_by_label("キーワード").fill("ふりーすぺーす")
    page.get_by_role("button", name="検索").click()
    expect(page.get_by_role("link", name="まひろ")).to_be_visible()
    assert_accessible(page, "search results")
    page.get_by_role("link", name="まひろ").click()
    expect(page.get_by_text("居場所・フリースペース")).to_be_visible()
