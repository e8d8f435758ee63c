"""The metropolitan coordinator onboards a partner group in a real browser, by clicking only: from
the pipeline dashboard to the candidate's stage page, research → hearing → site visit → agreement
→ partner, and ends another candidate's onboarding with a reason and a confirmation."""

import datetime

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from agreements.models import Agreement, Prospect, ProspectHistory, SiteVisit
from network.models import Organisation

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CANDIDATE = "（デモ）ひだまりの会"  # the demo's candidate still at research, referred by 新宿区
ENDING = "（デモ）あさがおフリースペース"  # at hearing scheduled


def open_from_dashboard(page, name):
    page.get_by_role("link", name="開拓の状況", exact=True).click()
    in_progress = page.get_by_role("region", name="進行中の開拓候補")
    in_progress.get_by_role("link", name=f"「{name}」の段階を変更").click()
    expect(page.get_by_role("heading", name="段階の変更")).to_be_visible()


def press(page, label):
    page.get_by_role("button", name=label, exact=True).click()


def expect_stage(page, label):
    expect(page.locator("#current-stage")).to_have_text(label)


def test_metro_coordinator_onboards_a_partner_by_clicking(tokyo_live, page):
    prospect = Prospect.objects.get(organisation__name=CANDIDATE)
    # The signed agreement with its document is registered on the agreements' own screens
    # (tested elsewhere); here it exists before it is chosen on the stage page.
    agreement = Agreement.objects.create(number="R8-連携-101", organisation=prospect.organisation,
                                         signed_on=datetime.date(2026, 11, 20), valid_from=datetime.date(2026, 12, 1))
    agreement.document.save("kyotei.pdf", ContentFile(b"%PDF-1.4 signed"), save=True)

    sign_in(page, tokyo_live.url, "tokyo")
    open_from_dashboard(page, CANDIDATE)
    expect_stage(page, "開拓（調査）")
    expect(page.get_by_role("button", name="協定締結", exact=True)).to_have_count(0)  # stages cannot be skipped

    press(page, "ヒアリングを設定")
    expect(page.get_by_role("status")).to_contain_text("段階を変更しました。")
    expect_stage(page, "ヒアリング予定")

    # No site visit recorded yet: refused with the guard's reason, nothing changes.
    press(page, "現地確認済み")
    expect(page.get_by_role("alert").filter(has_text="現地確認")).to_be_visible()
    expect_stage(page, "ヒアリング予定")
    visit = SiteVisit.objects.create(
        prospect=prospect, visited_on=datetime.date(2026, 11, 10), result=SiteVisit.Result.PASS,
        cooperating_group=Organisation.objects.get(name="KHJ町田家族会"),
        **{field: True for field in SiteVisit.CHECKLIST})
    visit.coordinators.add(prospect.assigned_to)
    press(page, "現地確認済み")
    expect_stage(page, "現地確認済み")

    press(page, "協定案を作成")
    expect_stage(page, "協定案作成")
    page.get_by_label("締結した協定（「協定締結」のとき）").select_option(label=str(agreement))
    press(page, "協定締結")
    expect(page.get_by_role("status")).to_contain_text("段階を変更しました。")
    expect_stage(page, "協定締結（連携団体）")
    expect(page.get_by_text("この段階からの変更はありません")).to_be_visible()

    prospect = Prospect.objects.get(pk=prospect.pk)  # a protected FSM field refuses refresh_from_db
    assert prospect.stage == Prospect.Stage.PARTNER and prospect.agreement == agreement
    assert list(ProspectHistory.objects.filter(prospect=prospect).values_list(
        "from_stage", "to_stage", "user__username")) == [
        ("research", "hearing_scheduled", "tokyo"),
        ("hearing_scheduled", "site_visit_done", "tokyo"),
        ("site_visit_done", "agreement_drafted", "tokyo"),
        ("agreement_drafted", "partner", "tokyo"),
    ]

    # Declining asks for a reason and a confirmation before anything changes.
    ending = Prospect.objects.get(organisation__name=ENDING)
    history_before = ProspectHistory.objects.filter(prospect=ending).count()
    open_from_dashboard(page, ENDING)
    press(page, "見送る")
    expect(page.get_by_text("元に戻せません")).to_be_visible()
    press(page, "「見送る」を確定する")
    expect(page.get_by_text("理由を記入してください")).to_be_visible()
    assert Prospect.objects.get(pk=ending.pk).stage == Prospect.Stage.HEARING
    page.get_by_label("理由").fill("活動内容がガイドラインの理念と合わない")
    press(page, "「見送る」を確定する")
    expect_stage(page, "見送り")
    last = ProspectHistory.objects.filter(prospect=ending).last()
    assert ProspectHistory.objects.filter(prospect=ending).count() == history_before + 1
    assert (last.from_stage, last.to_stage, last.note) == ("hearing_scheduled", "declined",
                                                           "活動内容がガイドラインの理念と合わない")
