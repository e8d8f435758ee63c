"""The onboarding pipeline: one function moves a prospect, guards refuse with Japanese messages
and write nothing, every allowed change writes one history row."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import translation

from agreements.models import Agreement, Prospect, ProspectHistory, SiteVisit
from agreements.services import change_stage
from network.models import Organisation


@pytest.fixture
def prospect(demo_organisations, tokyo, metro_coordinator):
    organisation = Organisation.objects.create(name="ひだまりの会", name_kana="ひだまりのかい", live=True)
    return Prospect.objects.create(organisation=organisation, source=Prospect.Source.REFERRAL,
                                   referred_by=tokyo["shinjuku"], assigned_to=metro_coordinator)


def move(prospect, action, user, **kwargs):
    with translation.override("ja"):
        return change_stage(prospect, action, user=user, **kwargs)


def refused_with(prospect, action, user, text, **kwargs):
    before = (Prospect.objects.get(pk=prospect.pk).stage, ProspectHistory.objects.count())
    with translation.override("ja"), pytest.raises(ValidationError) as error:
        change_stage(prospect, action, user=user, **kwargs)
    assert text in " ".join(error.value.messages)
    assert (Prospect.objects.get(pk=prospect.pk).stage, ProspectHistory.objects.count()) == before


def visit(prospect, user, result, **checks):
    site_visit = SiteVisit.objects.create(
        prospect=prospect, visited_on=datetime.date(2026, 10, 1), result=result,
        cooperating_group=Organisation.objects.get(name="KHJ町田家族会"),
        **{field: checks.get(field, True) for field in SiteVisit.CHECKLIST})
    site_visit.coordinators.add(user)
    return site_visit


def signed_agreement(prospect, document=True):
    agreement = Agreement.objects.create(number="R8-101", organisation=prospect.organisation,
                                         signed_on=datetime.date(2026, 11, 1), valid_from=datetime.date(2026, 12, 1))
    if document:
        agreement.document.save("kyotei.pdf", ContentFile(b"%PDF-1.4"))
    return agreement


def test_the_whole_path_to_partner_writes_one_history_row_per_step(prospect, metro_coordinator):
    user = metro_coordinator
    prospect = move(prospect, "schedule_hearing", user, note="12月3日 10時 ヒアリング")
    visit(prospect, user, SiteVisit.Result.PASS)
    prospect = move(prospect, "record_site_visit", user)
    prospect = move(prospect, "draft_agreement", user)
    prospect = move(prospect, "sign", user, agreement=signed_agreement(prospect))
    assert prospect.stage == Prospect.Stage.PARTNER
    history = list(prospect.history.values_list("from_stage", "to_stage", "user", "note"))
    assert history == [
        ("research", "hearing_scheduled", user.pk, "12月3日 10時 ヒアリング"),
        ("hearing_scheduled", "site_visit_done", user.pk, ""),
        ("site_visit_done", "agreement_drafted", user.pk, ""),
        ("agreement_drafted", "partner", user.pk, ""),
    ]


def test_stages_cannot_be_skipped(prospect, metro_coordinator):
    refused_with(prospect, "draft_agreement", metro_coordinator, "段階を飛ばすことはできません")
    refused_with(prospect, "sign", metro_coordinator, "段階を飛ばすことはできません")


def test_site_visit_must_be_recorded_before_it_is_done(prospect, metro_coordinator):
    prospect = move(prospect, "schedule_hearing", metro_coordinator)
    refused_with(prospect, "record_site_visit", metro_coordinator, "現地確認の記録")


@pytest.mark.parametrize("result", [SiteVisit.Result.FOLLOW_UP, SiteVisit.Result.FAIL])
def test_no_agreement_draft_without_a_passed_site_visit(prospect, metro_coordinator, result):
    prospect = move(prospect, "schedule_hearing", metro_coordinator)
    visit(prospect, metro_coordinator, result)
    prospect = move(prospect, "record_site_visit", metro_coordinator)
    refused_with(prospect, "draft_agreement", metro_coordinator, "現地確認で「適」")


def test_no_partner_without_a_signed_agreement_and_its_document(prospect, metro_coordinator):
    prospect = move(prospect, "schedule_hearing", metro_coordinator)
    visit(prospect, metro_coordinator, SiteVisit.Result.PASS)
    prospect = move(prospect, "record_site_visit", metro_coordinator)
    prospect = move(prospect, "draft_agreement", metro_coordinator)
    refused_with(prospect, "sign", metro_coordinator, "協定書")
    refused_with(prospect, "sign", metro_coordinator, "協定書", agreement=signed_agreement(prospect, document=False))
    assert Prospect.objects.get(pk=prospect.pk).agreement is None


def test_hold_resumes_to_the_stage_it_left(prospect, metro_coordinator):
    prospect = move(prospect, "schedule_hearing", metro_coordinator)
    prospect = move(prospect, "hold", metro_coordinator, note="団体の事情で一時休止")
    assert prospect.stage == Prospect.Stage.ON_HOLD
    prospect = move(prospect, "resume", metro_coordinator)
    assert prospect.stage == Prospect.Stage.HEARING
    assert prospect.history.count() == 3


def test_declined_is_final(prospect, metro_coordinator):
    prospect = move(prospect, "decline", metro_coordinator, note="ガイドラインの理念と合わない")
    refused_with(prospect, "schedule_hearing", metro_coordinator, "段階を飛ばすことはできません")


def test_a_passed_visit_needs_every_checklist_item(prospect, metro_coordinator):
    site_visit = SiteVisit(prospect=prospect, visited_on=datetime.date(2026, 10, 1), result="pass",
                           cooperating_group=Organisation.objects.get(name="KHJ町田家族会"),
                           **{field: field != "safety_checked" for field in SiteVisit.CHECKLIST})
    with translation.override("ja"), pytest.raises(ValidationError) as error:
        site_visit.full_clean()
    assert "チェック項目" in str(error.value)


def test_stage_cannot_be_set_directly(prospect):
    with pytest.raises(AttributeError):
        prospect.stage = Prospect.Stage.PARTNER
