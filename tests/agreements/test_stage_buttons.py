"""The stage change as the metropolitan coordinator meets it: a button per transition the current
stage allows, reached from the prospect's pages and the dashboard; declining and withdrawal take a
reason and a confirmation. A municipal coordinator who follows a candidate sees no such buttons."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from agreements.models import Prospect, ProspectHistory
from network.models import Organisation
from tests.conftest import client_for
from tests.tenants.helpers import refused

BUTTON = re.compile(r'<button\b[^>]*\bname="action"[^>]*>')


@pytest.fixture
def prospect(tokyo):
    organisation = Organisation.objects.create(name="新宿の居場所づくりの会", name_kana="しんじゅく", live=True)
    return Prospect.objects.create(organisation=organisation, source=Prospect.Source.REFERRAL,
                                   referred_by=tokyo["shinjuku"])


def stage_url(prospect):
    return reverse("agreements_prospect_stage", args=[prospect.pk])


def put_at(prospect, stage):
    Prospect.objects.filter(pk=prospect.pk).update(stage=stage)  # test setup: the path there is not the point
    return Prospect.objects.get(pk=prospect.pk)


def offered(body):
    buttons = BUTTON.findall(body)
    assert not [b for b in buttons if "checked" in b or "selected" in b]
    return [re.search(r'value="([a-z_]+)"', b).group(1) for b in buttons]


def note_label(body):
    return re.search(r'<label[^>]*for="id_note"[^>]*>\s*([^<\s]*)', body).group(1)


def post(client, prospect, **data):
    with translation.override("ja"):
        return client.post(stage_url(prospect), data)


def unchanged(prospect, stage):
    return Prospect.objects.get(pk=prospect.pk).stage == stage and not ProspectHistory.objects.filter(
        prospect=prospect).exists()


@pytest.mark.parametrize("stage, actions", [
    ("research", ["schedule_hearing", "hold", "decline", "withdraw"]),
    ("hearing_scheduled", ["record_site_visit", "hold", "decline", "withdraw"]),
    ("site_visit_done", ["draft_agreement", "hold", "decline", "withdraw"]),
    ("agreement_drafted", ["sign", "hold", "decline", "withdraw"]),
    ("on_hold", ["resume", "decline", "withdraw"]),
    ("partner", []), ("declined", []), ("withdrawn", []),
])
def test_only_the_transitions_allowed_from_the_stage_are_buttons_and_none_is_preselected(
        as_metro, prospect, stage, actions):
    prospect = put_at(prospect, stage)
    body = as_metro.get(stage_url(prospect)).content.decode()
    assert offered(body) == actions
    assert not re.search(r'<(input|select)\b[^>]*name="action"', body)  # no radio, no select: buttons only
    assert ('name="agreement"' in body) == (stage == "agreement_drafted")  # the agreement is chosen for "sign"
    if not actions:
        assert "この段階からの変更はありません" in body


def test_a_refused_change_shows_why_offers_the_same_buttons_and_writes_nothing(as_metro, prospect):
    prospect = put_at(prospect, "hearing_scheduled")
    response = post(as_metro, prospect, action="record_site_visit", note="")
    body = response.content.decode()
    assert response.status_code == 200 and "現地確認の記録" in body  # the guard's own message
    assert offered(body) == ["record_site_visit", "hold", "decline", "withdraw"]
    assert unchanged(prospect, "hearing_scheduled")


@pytest.mark.parametrize("data, message", [
    ({"action": "promote"}, "不明な段階の変更です。"),
    ({"action": "sign"}, "段階を飛ばすことはできません"),  # a transition not allowed from research
    ({"action": "resume"}, "段階を飛ばすことはできません"),
    ({}, "ボタンで選んでください"),
])
def test_bad_input_gets_a_japanese_message_and_changes_nothing(as_metro, prospect, data, message):
    response = post(as_metro, prospect, **data)
    assert response.status_code == 200 and message in response.content.decode()
    assert unchanged(prospect, "research")


@pytest.mark.parametrize("note", ["電話\x00で調整", "電話\x1bで調整"])
def test_a_control_character_in_the_note_is_refused_in_japanese_and_changes_nothing(as_metro, prospect, note):
    # Refused before the form, by the one check every request passes (tenants/input_guard.py).
    response = post(as_metro, prospect, action="schedule_hearing", note=note)
    assert response.status_code == 400 and "制御文字" in response.content.decode()
    assert unchanged(prospect, "research")


def test_an_allowed_change_writes_one_history_row(as_metro, metro_coordinator, prospect):
    response = post(as_metro, prospect, action="schedule_hearing", note="12月3日 10時 ヒアリング")
    assert response.status_code == 302 and response["Location"] == stage_url(prospect)
    assert Prospect.objects.get(pk=prospect.pk).stage == "hearing_scheduled"
    assert list(ProspectHistory.objects.filter(prospect=prospect).values_list(
        "from_stage", "to_stage", "user", "note")) == [
        ("research", "hearing_scheduled", metro_coordinator.pk, "12月3日 10時 ヒアリング")]


@pytest.mark.parametrize("action, stage", [("decline", "declined"), ("withdraw", "withdrawn")])
def test_ending_the_onboarding_asks_for_a_reason_and_a_confirmation(
        as_metro, metro_coordinator, prospect, action, stage):
    # The button leads to a confirming step; nothing changes yet, even with a reason typed.
    for note in ("", "ガイドラインの理念と合わない"):
        response = post(as_metro, prospect, action=action, note=note)
        body = response.content.decode()
        assert response.status_code == 200 and "元に戻せません" in body and 'name="confirm"' in body
        assert note_label(body) == "理由"
        assert unchanged(prospect, "research")
    # Confirmed without a reason (or only spaces): refused with a Japanese message.
    for note in ("", "   "):
        response = post(as_metro, prospect, action=action, note=note, confirm="yes")
        body = response.content.decode()
        assert response.status_code == 200 and "理由を記入してください" in body and note_label(body) == "理由"
        assert unchanged(prospect, "research")
    # Confirmed with a reason: one history row carrying it.
    response = post(as_metro, prospect, action=action, note="ガイドラインの理念と合わない", confirm="yes")
    assert response.status_code == 302
    assert Prospect.objects.get(pk=prospect.pk).stage == stage
    assert list(ProspectHistory.objects.filter(prospect=prospect).values_list(
        "from_stage", "to_stage", "user", "note")) == [
        ("research", stage, metro_coordinator.pk, "ガイドラインの理念と合わない")]


def test_the_prospects_pages_and_the_dashboard_lead_to_the_stage_page(as_metro, prospect):
    target = f'href="{stage_url(prospect)}"'
    for name in ("list", "inspect", "edit"):
        args = [] if name == "list" else [prospect.pk]
        body = as_metro.get(reverse(f"wagtailsnippets_agreements_prospect:{name}", args=args)).content.decode()
        assert target in body and "段階を変更" in body, name
    body = as_metro.get(reverse("agreements_dashboard")).content.decode()
    assert target in body and "「新宿の居場所づくりの会」の段階を変更" in body
    listing = reverse("wagtailsnippets_agreements_prospect:list")
    assert f'href="{listing}"' in body and f'href="{listing}?stage=research"' in body  # per-stage counts
    assert "新宿の居場所づくりの会" in as_metro.get(f"{listing}?stage=research").content.decode()
    assert "新宿の居場所づくりの会" not in as_metro.get(f"{listing}?stage=hearing_scheduled").content.decode()


def test_inspect_shows_an_empty_link_as_a_dash_not_none(as_metro, tokyo):
    organisation = Organisation.objects.create(name="自主研究の会", name_kana="じしゅ", live=True)
    prospect = Prospect.objects.create(organisation=organisation, source=Prospect.Source.RESEARCH)
    body = as_metro.get(reverse("wagtailsnippets_agreements_prospect:inspect", args=[prospect.pk])).content.decode()
    assert not re.search(r"<dd>\s*None\s*</dd>", body) and re.search(r"<dd>\s*—\s*</dd>", body)


def test_municipal_coordinator_follows_the_prospect_but_sees_no_stage_buttons(as_shinjuku, prospect):
    inspect = as_shinjuku.get(reverse("wagtailsnippets_agreements_prospect:inspect", args=[prospect.pk]))
    listing = as_shinjuku.get(reverse("wagtailsnippets_agreements_prospect:list"))
    for response in (inspect, listing):
        body = response.content.decode()
        assert response.status_code == 200 and "新宿の居場所づくりの会" in body
        assert stage_url(prospect) not in body and "段階を変更" not in body
    # Refused the admin's way (PermissionDenied: back to the dashboard with a message), posts too.
    assert refused(as_shinjuku.get(stage_url(prospect)))
    assert refused(as_shinjuku.post(stage_url(prospect), {"action": "schedule_hearing"}))
    assert refused(as_shinjuku.post(stage_url(prospect), {"action": "decline", "note": "理由", "confirm": "yes"}))
    assert unchanged(prospect, "research")


def test_partner_group_editor_is_refused(partner_editor, prospect):
    editor = client_for(partner_editor)
    assert refused(editor.get(stage_url(prospect)))
    assert refused(editor.post(stage_url(prospect), {"action": "decline", "note": "理由", "confirm": "yes"}))
    assert unchanged(prospect, "research")
