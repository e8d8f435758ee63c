"""Council pages in a real browser: accessible, and a platform member signs in to read the
members-only liaison meeting that the public cannot open."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from cms.demo import DEMO_PASSWORD

from .conftest import pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}, "resultTypes": ["violations"]}
LIAISON_MEETING = "/shinjuku/kaigi/renrakukai/dai5kai/"


def test_council_pages_are_accessible(tokyo_live, page):
    for path in ("/shinjuku/kaigi/", "/shinjuku/kaigi/network-kaigi/", "/shinjuku/kaigi/network-kaigi/dai1kai/"):
        page.goto(tokyo_live.url + path)
        results = Axe().run(page, options=WCAG_AA)
        assert results.violations_count == 0, f"{path}\n{results.generate_report()}"
    assert page.get_by_role("heading", name="議事録").is_visible()
    assert "○佐藤生活福祉課長" in page.content()


def test_member_signs_in_to_read_the_members_only_meeting(tokyo_live, page):
    page.goto(tokyo_live.url + "/shinjuku/kaigi/")
    assert "従事者連絡会" not in page.content()
    page.goto(tokyo_live.url + LIAISON_MEETING)
    assert "連携が難しかった事例の傾向" not in page.content()
    page.fill("input[name=username]", "shinjuku-member")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("input[name=password]").press("Enter")
    pass_second_factor(page, "shinjuku-member")  # members-only material needs the second factor too
    page.wait_for_url(f"**{LIAISON_MEETING}")
    assert page.get_by_role("heading", level=1).inner_text() == "第5回 ひきこもり支援従事者連絡会"
    assert "連携が難しかった事例の傾向" in page.content()
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    with page.expect_download() as download:
        page.get_by_role("link", name="支援状況一覧").click()
    assert download.value.suggested_filename.endswith(".csv")
