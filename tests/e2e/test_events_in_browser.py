"""A family member finds a consultation day, applies with three preferences and sees the result,
in a real browser (Chromium + axe)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from training.models import Application, Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}, "resultTypes": ["violations"]}


def test_family_member_applies_for_a_consultation_day(tokyo_live, page):
    page.goto(tokyo_live.url + "/events/")
    assert Axe().run(page, options=WCAG_AA).violations_count == 0
    event = Event.objects.filter(kind="weekday_individual").order_by("deadline").first()
    page.get_by_role("link", name=event.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()

    sessions = list(event.sessions.order_by("starts_at"))
    page.get_by_label("お名前").fill("足立 花子")
    page.get_by_label("ふりがな").fill("あだち はなこ")
    page.locator("#id_residence").select_option(label="足立区")
    page.locator("#id_phone").fill("03-3880-0000")
    page.get_by_label("対象者との関係").select_option(label="親")
    page.locator("#id_person_age").fill("27")
    # The first slot is full in the demo (two bookings and a waiting applicant): choose it first.
    page.get_by_label("第1希望").select_option(value=str(sessions[0].pk))
    page.get_by_label("第2希望").select_option(value=str(sessions[1].pk))
    page.get_by_role("button", name="申込を送信する").click()
    expect(page.get_by_role("status")).to_contain_text("お申込みが確定しました")
    application = Application.objects.get(name="足立 花子")
    assert application.session == sessions[1] and application.phone == "03-3880-0000"

    # Applying again with the same phone for the same slot is refused, in Japanese.
    page.goto(f"{tokyo_live.url}/events/{event.pk}/")
    page.get_by_label("お名前").fill("足立 花子")
    page.get_by_label("ふりがな").fill("あだち はなこ")
    page.locator("#id_residence").select_option(label="足立区")
    page.locator("#id_phone").fill("0338800000")
    page.get_by_label("第1希望").select_option(value=str(sessions[1].pk))
    page.get_by_role("button", name="申込を送信する").click()
    expect(page.get_by_role("alert")).to_contain_text("既にお申込みがあります")
    assert Application.objects.filter(name="足立 花子").count() == 1
