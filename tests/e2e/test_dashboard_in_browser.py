"""The admin opens on the day's work (issue 23, Deliver 1), as a coordinator sees it in a real
browser: Tsunagu's counts in place of Wagtail's page and image totals, each leading to its
screen, and only the rows of the coordinator's own role."""

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_metropolitan_coordinator_starts_from_the_days_work(tokyo_live, page, tmp_path):
    sign_in(page, tokyo_live.url, "tokyo")
    work = page.get_by_role("region", name="今日の仕事")
    expect(work).to_be_visible()
    request_row = work.locator("li", has=page.get_by_role("link", name="専門家が未割当の相談依頼"))
    expect(request_row.locator(".work-list__count")).to_have_text("1")
    # The stylesheet is served and applied: a count that asks for action stands out.
    assert request_row.locator(".work-list__count").evaluate("e => getComputedStyle(e).fontWeight") == "700"
    expect(work.get_by_text("公開中の相談窓口がある区市町村: 17 / 62")).to_be_visible()
    expect(page.locator(".w-summary")).to_have_count(0)  # no "10ページ, 0件の画像"
    expect(page.locator("#wagtail-sidebar svg.icon-wagtail circle")).to_have_count(2)  # Tsunagu's rings
    expect(work.get_by_role("link", name="今年度まだ確認されていない相談窓口")).to_have_count(0)
    page.screenshot(path=str(tmp_path / "dashboard-tokyo.png"), full_page=True)

    work.get_by_role("link", name="専門家が未割当の相談依頼").click()
    page.wait_for_url("**/admin/consultations/")


def test_a_municipal_coordinator_sees_their_own_work_only(tokyo_live, page):
    sign_in(page, tokyo_live.url, "shinjuku")
    work = page.get_by_role("region", name="今日の仕事")
    expect(work.get_by_role("link", name="今年度まだ確認されていない相談窓口")).to_be_visible()
    expect(work.get_by_role("link", name="専門家が未割当の相談依頼")).to_have_count(0)
    expect(work.get_by_text("ネットワークの区市町村")).to_have_count(0)
