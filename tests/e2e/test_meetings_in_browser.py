"""Council pages in a real browser: accessible, a platform member signs in to read the
members-only liaison meeting that the public cannot open, and a coordinator takes a submitted
meeting back out of review to add its minutes."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from cms.demo import DEMO_PASSWORD
from network.models import CouncilPage, MeetingPage

from .conftest import has_authenticator, pass_second_factor, sign_in

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
    has_authenticator("shinjuku-member")
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


def messages(page):
    return [" ".join(text.split()) for text in page.locator(".messages li").all_inner_texts() if text.strip()]


def open_more_actions_and_click(page, name):
    page.get_by_role("button", name="他のアクション").click()
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def test_coordinator_withdraws_a_submitted_meeting_to_add_the_minutes(tokyo_live, page, browser):
    title = "第4回 新宿区ひきこもり支援ネットワーク会議"
    council = CouncilPage.objects.get(slug="network-kaigi")
    sign_in(page, tokyo_live.url, "shinjuku")
    page.goto(f"{tokyo_live.url}/admin/pages/add/network/meetingpage/{council.pk}/")
    page.locator("#id_title").fill(title)
    page.locator("#id_number").fill("4")
    page.locator("#id_starts_at").fill("2027/02/10 14:00")
    page.locator("#id_agenda").click()  # a click elsewhere closes the date picker
    page.locator("#id_agenda").fill("今年度の取組のまとめ")
    open_more_actions_and_click(page, "会議録の公開審査に提出する")  # without the minutes
    submitted = messages(page)
    assert submitted[0].startswith(f"「{title}」を作成し、審査に提出しました。承認待ちです。")

    meeting = MeetingPage.objects.get(title=title)
    page.goto(f"{tokyo_live.url}/admin/pages/{meeting.pk}/edit/")
    assert "このページは現在承認待ちです。" in " ".join(messages(page))  # locked while in review
    page.get_by_role("button", name="審査を取り下げる").click()
    page.wait_for_load_state()
    withdrawn = messages(page)
    assert withdrawn[0].startswith(f"「{title}」の審査を取り下げました。")

    page.locator("#minutes-root .c-sf-add-button").click()
    page.get_by_role("option", name="発言").click()
    page.locator("#minutes-0-value-speaker_role").fill("生活福祉課長")
    page.locator("#minutes-0-value-speaker_name").fill("佐藤")
    page.locator("#minutes-0-value-text").fill("ただいまから第4回会議を開会します。")
    open_more_actions_and_click(page, "会議録の公開審査に提出する")
    resubmitted = messages(page)
    assert resubmitted[0].startswith(f"「{title}」を審査に提出しました。承認待ちです。")
    for text in submitted + withdrawn + resubmitted:
        assert "調整" not in text and not re.search(r"[A-Za-z]{3,}", text), text

    reviewer = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo").new_page()
    sign_in(reviewer, tokyo_live.url, "tokyo")
    reviewer.goto(f"{tokyo_live.url}/admin/pages/{meeting.pk}/edit/")
    open_more_actions_and_click(reviewer, "承認して公開")
    meeting.refresh_from_db()
    assert meeting.live

    public = browser.new_context(locale="ja-JP").new_page()
    public.goto(tokyo_live.url + meeting.url)
    assert public.get_by_role("heading", level=1).inner_text() == title
    assert "○佐藤生活福祉課長" in public.content()
    assert "ただいまから第4回会議を開会します。" in public.content()
