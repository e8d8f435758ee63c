"""Who sees the pipeline: metropolitan coordinators manage it; a municipal coordinator proposes
candidates and sees only their municipality's proposals; a partner-group editor sees none."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from agreements.models import Prospect, ProspectHistory
from network.models import Organisation
from tests.conftest import client_for
from tests.tenants.helpers import refused

LIST = "wagtailsnippets_agreements_prospect:list"


@pytest.fixture
def prospects(tokyo):
    def make(name, municipality):
        organisation = Organisation.objects.create(name=name, name_kana="てすと", live=True)
        return Prospect.objects.create(organisation=organisation, source=Prospect.Source.REFERRAL,
                                       referred_by=municipality)

    return {"shinjuku": make("新宿の居場所づくりの会", tokyo["shinjuku"]),
            "bunkyo": make("文京の親の会", tokyo["bunkyo"])}


def test_metro_coordinator_sees_all_and_changes_the_stage(as_metro, prospects):
    body = as_metro.get(reverse(LIST)).content.decode()
    assert "新宿の居場所づくりの会" in body and "文京の親の会" in body
    url = reverse("agreements_prospect_stage", args=[prospects["bunkyo"].pk])
    response = as_metro.post(url, {"action": "schedule_hearing", "note": "電話で日程調整"})
    assert response.status_code == 302
    assert Prospect.objects.get(pk=prospects["bunkyo"].pk).stage == "hearing_scheduled"
    assert ProspectHistory.objects.filter(prospect=prospects["bunkyo"], note="電話で日程調整").count() == 1


def test_refused_stage_change_shows_the_japanese_reason_and_writes_nothing(as_metro, prospects):
    url = reverse("agreements_prospect_stage", args=[prospects["bunkyo"].pk])
    with translation.override("ja"):
        response = as_metro.post(url, {"action": "decline", "note": "活動を休止中", "confirm": "yes"})  # allowed
        prospect = Prospect.objects.get(pk=prospects["bunkyo"].pk)
        assert prospect.stage == "declined"
        response = as_metro.post(url, {"action": "resume"})
    assert response.status_code == 200
    assert "段階を飛ばすことはできません" in response.content.decode()  # not offered from "declined"
    assert ProspectHistory.objects.filter(prospect=prospects["bunkyo"]).count() == 1


def test_municipal_coordinator_sees_only_own_municipalitys_proposals(as_shinjuku, prospects):
    body = as_shinjuku.get(reverse(LIST)).content.decode()
    assert "新宿の居場所づくりの会" in body and "文京の親の会" not in body
    bunkyo_inspect = reverse("wagtailsnippets_agreements_prospect:inspect", args=[prospects["bunkyo"].pk])
    assert refused(as_shinjuku.get(bunkyo_inspect))
    own_edit = reverse("wagtailsnippets_agreements_prospect:edit", args=[prospects["shinjuku"].pk])
    assert refused(as_shinjuku.get(own_edit))  # proposes and follows, does not manage
    assert refused(as_shinjuku.get(reverse("agreements_prospect_stage", args=[prospects["shinjuku"].pk])))


def test_municipal_coordinator_proposes_a_candidate_for_their_municipality(as_shinjuku, shinjuku, bunkyo, prospects):
    organisation = Organisation.objects.create(name="西新宿ひきこもり家族会", name_kana="にししんじゅく", live=True)
    add = reverse("wagtailsnippets_agreements_prospect:add")
    files = {"files-TOTAL_FORMS": "1", "files-INITIAL_FORMS": "0", "files-MIN_NUM_FORMS": "0",
             "files-MAX_NUM_FORMS": "1000", "files-0-title": "団体のチラシ", "files-0-ORDER": "1",
             "files-0-file": SimpleUploadedFile("leaflet.pdf", b"%PDF-1.4 leaflet")}
    response = as_shinjuku.post(add, {"organisation": organisation.pk, "source": "referral",
                                      "referred_by": bunkyo.pk, "next_step": "", "notes": "",
                                      "files-TOTAL_FORMS": "0", "files-INITIAL_FORMS": "0",
                                      "files-MIN_NUM_FORMS": "0", "files-MAX_NUM_FORMS": "1000"})
    assert response.status_code == 200 and not Prospect.objects.filter(organisation=organisation).exists()
    response = as_shinjuku.post(add, {"organisation": organisation.pk, "source": "referral",
                                      "referred_by": shinjuku.pk, "next_step": "", "notes": "地域の家族会",
                                      **files})
    assert response.status_code == 302
    prospect = Prospect.objects.get(organisation=organisation)
    assert prospect.referred_by == shinjuku and prospect.stage == "research"
    attached = prospect.files.get()
    assert attached.title == "団体のチラシ" and "/private/" in attached.file.path
    # Files are private: the proposing coordinator cannot download them, a metro coordinator can.
    url = reverse("agreements_prospect_file", args=[attached.pk])
    assert refused(as_shinjuku.get(url))


def test_metro_coordinator_downloads_prospect_files(as_metro, prospects):
    from django.core.files.base import ContentFile

    from agreements.models import ProspectFile

    item = ProspectFile(prospect=prospects["shinjuku"], title="ヒアリング記録")
    item.file.save("hearing.txt", ContentFile("聞き取りの記録".encode()), save=True)
    response = as_metro.get(reverse("agreements_prospect_file", args=[item.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).decode() == "聞き取りの記録"


def test_partner_editor_and_public_see_none_of_it(client, partner_editor, prospects):
    editor = client_for(partner_editor)
    assert refused(editor.get(reverse(LIST)))
    assert refused(editor.get(reverse("agreements_prospect_stage", args=[prospects["shinjuku"].pk])))
    assert "/admin/login/" in client.get(reverse(LIST))["Location"]


def test_metro_coordinator_edits_next_step_without_touching_the_stage(as_metro, prospects):
    prospect = prospects["bunkyo"]
    edit = reverse("wagtailsnippets_agreements_prospect:edit", args=[prospect.pk])
    assert as_metro.get(edit).status_code == 200
    response = as_metro.post(edit, {
        "organisation": prospect.organisation_id, "source": "referral", "referred_by": prospect.referred_by_id,
        "assigned_to": "", "next_step": "現地確認の日程調整", "next_step_on": "2026/12/15", "notes": "",
        "files-TOTAL_FORMS": "0", "files-INITIAL_FORMS": "0", "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000", "stage": "partner"})
    assert response.status_code == 302
    prospect = Prospect.objects.get(pk=prospect.pk)
    assert prospect.next_step == "現地確認の日程調整" and prospect.stage == "research"
