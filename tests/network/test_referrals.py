"""Consents and referrals (つなぐシート): what a consent covers, withdrawal, the support-meeting
exception, the referral states by side, and the consent scan (encrypted on disk, served only to
those who may read the case)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from network.cases.services import casereviews, consents, referrals
from network.models import CaseAccessLog, Consent, Referral, ReferralHistory
from tests.tenants.helpers import refused

from .case_fixtures import client, world  # noqa: F401

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def referral_data(w, **overrides):
    data = {"from_member": w["youth"].pk, "to_member": w["bunkyo_centre"].pk, "consent": w["consent"].pk,
            "items": ["basics"], "message": "文京区の居場所につなぎたい"}
    data.update(overrides)
    return data


def test_participant_refers_under_a_covering_consent(world):
    c = client(world["participant"])
    response = c.post(reverse("referral_new", args=[world["case"].pk]), referral_data(world))
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("referral_detail", args=[referral.pk])
    assert referral.state == "sent" and referral.consent == world["consent"] and referral.items == ["basics"]
    assert CaseAccessLog.objects.filter(case_id_ref=world["case"].pk, action="share").count() == 1


@pytest.mark.parametrize("overrides,message", [
    ({"to_member": "health"}, "情報提供を含んでいません"),          # not a recipient of the consent
    ({"items": ["basics", "health"]}, "健康・医療の情報"),            # an item outside the consent
    ({"consent": ""}, "同意を選んでください"),                        # cross-municipality without consent
    ({"items": []}, "この項目は必須です"),
    ({"message": ""}, "この項目は必須です"),
])
def test_a_referral_the_consent_does_not_cover_is_refused_with_a_reason(world, overrides, message):
    if overrides.get("to_member") == "health":
        overrides["to_member"] = world["health"].pk
    response = client(world["participant"]).post(reverse("referral_new", args=[world["case"].pk]),
                                                  referral_data(world, **overrides))
    assert response.status_code == 400 and message in response.content.decode()
    assert not Referral.objects.exists()


def test_withdrawn_consent_blocks_new_referrals_under_it(world):
    c = client(world["coordinator"])
    c.post(reverse("consent_withdraw", args=[world["case"].pk, world["consent"].pk]), {"note": "本人より撤回の申出"})
    consent = Consent.objects.get(pk=world["consent"].pk)
    assert consent.withdrawn_on == timezone.localdate() and consent.withdrawal_note == "本人より撤回の申出"
    with pytest.raises(ValidationError, match="撤回されました"):
        referrals.send(world["participant"], world["case"], from_member=world["youth"],
                       to_member=world["bunkyo_centre"], items=["basics"], message="x", consent=consent)
    # The form no longer offers it; posting its id anyway is refused and writes nothing.
    response = client(world["participant"]).post(reverse("referral_new", args=[world["case"].pk]), referral_data(world))
    assert response.status_code == 400 and not Referral.objects.exists()
    page = c.get(reverse("case_detail", args=[world["case"].pk])).content.decode()
    assert "撤回" in page


def test_support_meeting_shares_inside_the_municipality_without_consent_but_not_outside(world):
    case = casereviews.open_case(world["coordinator"], world["case"].municipality, held_on=timezone.localdate(),
                                 legal_basis="support_meeting", categories=["income"], summary="支援会議の事例")
    inside = referrals.send(world["coordinator"], case, from_member=world["welfare"], to_member=world["youth"],
                            items=["basics", "history"], message="生活支援から若者支援へ")
    assert inside.consent is None and inside.state == "sent"
    with pytest.raises(ValidationError, match="同意"):
        referrals.send(world["coordinator"], case, from_member=world["welfare"], to_member=world["bunkyo_centre"],
                       items=["basics"], message="区外へ")
    with pytest.raises(ValidationError, match="支援会議"):
        consents.record_consent(world["coordinator"], case, given_by="person", items=["basics"],
                                recipients=[world["youth"]], purpose="x", given_on=timezone.localdate(),
                                method="verbal")


def test_referral_moves_through_its_states_by_the_right_side(world):
    referral = referrals.send(world["participant"], world["case"], from_member=world["youth"],
                              to_member=world["bunkyo_centre"], items=["basics"], message="つなぎます",
                              consent=world["consent"])
    url = reverse("referral_detail", args=[referral.pk])
    sender, receiver = client(world["participant"]), client(world["bunkyo_member"])
    assert refused(sender.post(url, {"action": "accept"}))  # only the receiving side accepts
    assert Referral.objects.get(pk=referral.pk).state == "sent"
    receiver.post(url, {"action": "receive"})
    assert Referral.objects.get(pk=referral.pk).state == "received"
    receiver.post(url, {"action": "decline"})  # a reason is required
    assert Referral.objects.get(pk=referral.pk).state == "received"
    receiver.post(url, {"action": "decline", "note": "対象年齢外のため"})
    assert Referral.objects.get(pk=referral.pk).state == "declined"
    assert refused(receiver.post(url, {"action": "close"}))  # the sender closes
    sender.post(url, {"action": "close"})
    assert Referral.objects.get(pk=referral.pk).state == "closed"
    assert list(ReferralHistory.objects.filter(referral=referral).values_list("to_state", flat=True)) == [
        "sent", "received", "declined", "closed"]
    page = sender.get(url).content.decode()
    assert "対象年齢外のため" in page and '<dd class="state">終了</dd>' in page


def test_consent_scan_is_encrypted_on_disk_and_served_only_to_case_readers(world, settings):
    c = client(world["coordinator"])
    response = c.post(reverse("consent_new", args=[world["case"].pk]), {
        "given_by": "family", "items": ["basics", "family"], "recipients": [world["youth"].pk],
        "purpose": "家族会への紹介", "given_on": "2026/11/20", "method": "signed_form",
        "scan": SimpleUploadedFile("同意書.pdf", PDF, content_type="application/pdf")})
    assert response.status_code == 302
    consent = Consent.objects.get(given_by="family")
    stored = (settings.PRIVATE_MEDIA_ROOT / consent.scan.name).read_bytes()
    assert stored and not stored.startswith(b"%PDF") and b"trailer" not in stored
    url = reverse("consent_scan", args=[world["case"].pk, consent.pk])
    served = client(world["participant"]).get(url)
    assert served.status_code == 200 and served.content == PDF and served["Content-Type"] == "application/pdf"
    assert CaseAccessLog.objects.filter(case_id_ref=world["case"].pk, action="download").count() == 1
    for outsider in ("bunkyo_member", "bunkyo_coordinator", "metro", "unnamed"):
        assert refused(client(world[outsider]).get(url))


@pytest.mark.parametrize("upload,message", [
    (SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"), "許可された形式"),
    (None, "スキャンを添付"),
])
def test_bad_consent_input_is_refused_in_japanese(world, upload, message):
    data = {"given_by": "person", "items": ["basics"], "recipients": [world["youth"].pk], "purpose": "x",
            "given_on": "2026/11/20", "method": "signed_form"}
    if upload is not None:
        data["scan"] = upload
    before = Consent.objects.count()
    response = client(world["coordinator"]).post(reverse("consent_new", args=[world["case"].pk]), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert Consent.objects.count() == before


def test_future_consent_date_is_refused(world):
    with pytest.raises(ValidationError, match="未来"):
        consents.record_consent(world["coordinator"], world["case"], given_by="person", items=["basics"],
                                recipients=[world["youth"]], purpose="x", method="verbal",
                                given_on=timezone.localdate() + datetime.timedelta(days=1))


def test_personal_data_in_the_consent_purpose_is_warned_and_nothing_saved(world):
    data = {"given_by": "person", "items": ["basics"], "recipients": [world["youth"].pk],
            "purpose": "母（090-1111-2222）の希望で紹介", "given_on": "2026/11/20", "method": "verbal"}
    before = Consent.objects.count()
    response = client(world["coordinator"]).post(reverse("consent_new", args=[world["case"].pk]), data)
    assert response.status_code == 400 and "電話番号" in response.content.decode()
    assert Consent.objects.count() == before


def test_withdrawal_and_decline_notes_with_contact_details_are_refused(world):
    """A note gives a reason, never a way to reach someone: one with a phone number or email is
    refused with a Japanese message and nothing changes."""
    coordinator = client(world["coordinator"])
    url = reverse("consent_withdraw", args=[world["case"].pk, world["consent"].pk])
    response = coordinator.post(url, {"note": "母親（０９０－１２３４－５６７８）より撤回"}, follow=True)
    assert "電話番号が含まれているようです" in response.content.decode()
    assert Consent.objects.get(pk=world["consent"].pk).withdrawn_on is None

    referral = referrals.send(world["participant"], world["case"], from_member=world["youth"],
                              to_member=world["bunkyo_centre"], items=["basics"], message="つなぎます",
                              consent=world["consent"])
    receiver = client(world["bunkyo_member"])
    detail = reverse("referral_detail", args=[referral.pk])
    receiver.post(detail, {"action": "receive"})
    response = receiver.post(detail, {"action": "decline", "note": "担当 yamada@example.jp まで"}, follow=True)
    assert "メールアドレスが含まれているようです" in response.content.decode()
    assert Referral.objects.get(pk=referral.pk).state == "received"
    assert not ReferralHistory.objects.filter(referral=referral, to_state="declined").exists()
