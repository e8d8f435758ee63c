"""A script's burst on the event form is slowed by a proof-of-work challenge; a person then
completes that challenge with the keyboard alone (the way a screen-reader user does), in Chromium,
and the application is saved and confirmed by email. axe checks the challenged page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from tenants.throttle import Limit
from training.models import Application, Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}, "resultTypes": ["violations"]}


@pytest.fixture
def low_limit(settings):
    cache.clear()
    settings.TSUNAGU_RATE_LIMITS = {"event_apply": Limit(soft=2, hard=20, window=3600)}
    yield
    cache.clear()


def serious(results):
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


def press_tab_until_focused(page, locator, most=15):
    for _ in range(most):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el.getRootNode().activeElement === el"):
            return
    raise AssertionError("never reached with Tab")


def test_a_burst_is_challenged_and_a_keyboard_user_still_applies(tokyo_live, low_limit, page):
    event = Event.objects.filter(kind="weekday_individual").order_by("deadline").first()
    sessions = list(event.sessions.order_by("starts_at"))
    url = f"{tokyo_live.url}/events/{event.pk}/"
    page.goto(url)
    expect(page.locator("altcha-widget")).to_have_count(0)            # a first visit: no challenge

    # A script posts the form from the same address: refused as bad input, never a server error.
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    for n in range(2):
        response = page.request.post(url, form={"csrfmiddlewaretoken": token, "name": f"bot{n}"})
        assert response.status == 400
    assert not Application.objects.filter(name__startswith="bot").exists()

    page.goto(url)
    checkbox = page.get_by_role("checkbox", name="ロボットではありません")
    expect(checkbox).to_be_visible()
    results = Axe().run(page, options=WCAG_AA)
    assert serious(results) == [], results.generate_report()

    page.get_by_label("お名前").fill("足立 葵")
    page.get_by_label("ふりがな").fill("あだち あおい")
    page.locator("#id_residence").select_option(label="足立区")
    page.locator("#id_phone").fill("03-3880-1234")
    page.get_by_label("メールアドレス").fill("aoi@example.jp")
    page.get_by_label("対象者との関係").select_option(label="親")
    page.get_by_label("第1希望").select_option(value=str(sessions[1].pk))
    page.locator("#id_preference_3").focus()
    press_tab_until_focused(page, checkbox)
    page.keyboard.press("Space")
    expect(page.locator("altcha-widget [data-state]").first).to_have_attribute("data-state", "verified",
                                                                               timeout=30_000)
    expect(page.locator("input[name=altcha]")).not_to_have_value("")
    submit = page.get_by_role("button", name="申込を送信する")
    press_tab_until_focused(page, submit)
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("お申込み")
    application = Application.objects.get(name="足立 葵")
    assert application.session == sessions[1] and application.email == "aoi@example.jp"
    assert [m.to for m in mail.outbox if "aoi@example.jp" in m.to] == [["aoi@example.jp"]]
