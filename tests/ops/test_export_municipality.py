"""`manage.py export_municipality <slug>`: one municipality's data and nobody else's; applicants'
personal data only on request; case reviews never."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from network.cases.services import casereviews
from network.models import CaseReview, ConsultationWindow, PlatformMembership
from training.events import services as bookings
from tests.training.events.helpers import make_event, person


@pytest.fixture
def two_municipalities(shinjuku, bunkyo, shinjuku_coordinator):
    made = {}
    for place, label in ((shinjuku, "新宿"), (bunkyo, "文京")):
        ConsultationWindow.objects.create(municipality=place, name=f"{label}ひきこもり相談窓口", phone="03-0000-0000")
        PlatformMembership.objects.create(municipality=place, name=f"{label}家族会", role=PlatformMembership.Role.PRIVATE,
                                          contact_person=f"{label} 担当", joined_on=datetime.date(2024, 4, 1))
        event, (session, _other) = make_event(title=f"{label}区個別相談会", municipality=place)
        n = 1 if place == shinjuku else 2
        made[place.slug] = bookings.apply(event, [session], **person(n, name=f"{label} 申込者"))
    made["case"] = casereviews.open_case(
        shinjuku_coordinator, shinjuku, held_on=timezone.localdate(), legal_basis=CaseReview.LegalBasis.CONSENT,
        categories=["withdrawal"], summary="ケース会議の要約（輸出しない）")
    return made


def export(tmp_path, *args):
    out = tmp_path / "export.json"
    call_command("export_municipality", *args, "--output", str(out))
    text = out.read_text(encoding="utf-8")
    return json.loads(text), text


def test_export_holds_shinjuku_rows_and_no_bunkyo_rows(tmp_path, two_municipalities, shinjuku, bunkyo):
    data, text = export(tmp_path, "shinjuku")
    assert data["municipality"]["fields"]["slug"] == "shinjuku"
    assert [w["fields"]["name"] for w in data["consultation_windows"]] == ["新宿ひきこもり相談窓口"]
    assert [m["fields"]["name"] for m in data["platform_members"]] == ["新宿家族会"]
    assert [e["fields"]["title"] for e in data["events"]] == ["新宿区個別相談会"]
    assert len(data["sessions"]) == 2 and len(data["applications"]) == 1
    assert data["applications"][0]["pk"] == two_municipalities["shinjuku"].pk
    assert data["pages"][0]["url_path"] == shinjuku.root_page.url_path and data["pages"][0]["title"] == "新宿区"
    assert all(p["url_path"].startswith(shinjuku.root_page.url_path) for p in data["pages"])
    # Nothing of Bunkyo anywhere: no row pointing at it, none of its names.
    for key in ("consultation_windows", "platform_members", "events"):
        assert {row["fields"]["municipality"] for row in data[key]} == {shinjuku.pk}
    assert "文京" not in text and bunkyo.root_page.url_path not in text
    assert two_municipalities["bunkyo"].pk not in {a["pk"] for a in data["applications"]}


def test_applicants_personal_data_only_with_the_flag_and_case_reviews_never(tmp_path, two_municipalities):
    case = two_municipalities["case"]
    data, text = export(tmp_path, "shinjuku")
    assert data["personal_data_included"] is False
    fields = data["applications"][0]["fields"]
    assert {"name", "phone", "email", "name_kana"}.isdisjoint(fields) and fields["person_age"] == 25
    assert "新宿 申込者" not in text and "applicant1@example.jp" not in text

    data, text = export(tmp_path, "shinjuku", "--include-personal-data")
    assert data["personal_data_included"] is True
    assert data["applications"][0]["fields"]["name"] == "新宿 申込者"
    assert data["applications"][0]["fields"]["email"] == "applicant1@example.jp"
    for content in (text, export(tmp_path, "shinjuku")[1]):
        assert case.code not in content and "ケース会議の要約" not in content and "casereview" not in content


def test_an_unknown_municipality_is_refused(db):
    with pytest.raises(CommandError, match="nowhere"):
        call_command("export_municipality", "nowhere")
