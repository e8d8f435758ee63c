"""Case records: opening one (coordinator only), the personal-data warning, the legal basis on
every page, encryption at rest, one log row per view, an append-only log, key rotation and the
retention task."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tenants import crypto
from network.cases import retention as case_retention
from network.cases.services import casereviews
from network.models import AgreedAction, CaseAccessLog, CaseReview, Consent, Referral
from tests.tenants.helpers import refused

from .case_fixtures import SUMMARY, client, world  # noqa: F401


def new_case_data(shinjuku, **overrides):
    data = {"municipality": shinjuku.pk, "held_on": "2026/11/20", "legal_basis": "support_meeting",
            "categories": ["work", "mind"], "summary": "20代。夜間のみ外出。", "next_review_on": "2026/12/18"}
    data.update(overrides)
    return data


def test_coordinator_opens_a_case_with_a_generated_code(as_shinjuku, shinjuku):
    response = as_shinjuku.post(reverse("case_new"), new_case_data(shinjuku))
    case = CaseReview.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("case_detail", args=[case.pk])
    assert case.code.startswith("13104-") and len(case.code) == 12
    assert case.categories == ["work", "mind"] and case.municipality == shinjuku
    page = as_shinjuku.get(response["Location"]).content.decode()
    assert "社会福祉法" in page and "守秘義務" in page  # the legal basis, on the record
    assert "仕事" in page and "こころ" in page and "20代。夜間のみ外出。" in page


@pytest.mark.parametrize("text,what", [("母 090-1234-5678 に連絡", "電話番号"), ("taro@example.jp へ送付", "メールアドレス"),
                                       ("新宿区西新宿2丁目8番1号在住", "住所")])
def test_personal_data_in_the_summary_is_warned_and_nothing_saved(as_shinjuku, shinjuku, text, what):
    response = as_shinjuku.post(reverse("case_new"), new_case_data(shinjuku, summary=text))
    assert response.status_code == 400
    assert what in response.content.decode() and "保存されていません" in response.content.decode()
    assert not CaseReview.objects.exists()
    confirmed = as_shinjuku.post(reverse("case_new"), new_case_data(shinjuku, summary=text, no_personal_data="on"))
    assert confirmed.status_code == 302 and CaseReview.objects.count() == 1


@pytest.mark.parametrize("overrides,message", [
    ({"categories": []}, "この項目は必須です"),
    ({"categories": ["nonsense"]}, "正しく選択してください"),
    ({"next_review_on": "2026/11/01"}, "次回の検討日"),
])
def test_bad_case_input_gets_a_japanese_message(as_shinjuku, shinjuku, overrides, message):
    response = as_shinjuku.post(reverse("case_new"), new_case_data(shinjuku, **overrides))
    assert response.status_code == 400 and message in response.content.decode()
    assert not CaseReview.objects.exists()


def test_only_own_coordinators_open_cases(as_bunkyo, as_metro, shinjuku, partner_editor, shinjuku_member):
    assert refused(as_metro.get(reverse("case_new")))
    assert refused(client(shinjuku_member).get(reverse("case_new")))
    assert refused(client(partner_editor).get(reverse("case_new")))
    response = as_bunkyo.post(reverse("case_new"), new_case_data(shinjuku))
    assert response.status_code == 400  # Shinjuku is not a choice for Bunkyo
    assert not CaseReview.objects.exists()


def raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_the_database_holds_no_case_free_text_in_clear(world):
    case = world["case"]
    action = casereviews.add_action(world["coordinator"], case, member=world["youth"], action="就労相談へ同行する")
    stored = raw("network_casereview", "summary", case.pk)
    assert stored.startswith("fernet:") and "ひきこもり" not in stored and SUMMARY not in stored
    assert "同行" not in raw("network_agreedaction", "action", action.pk)
    assert "就労支援" not in raw("network_consent", "purpose", world["consent"].pk)
    assert CaseReview.objects.get(pk=case.pk).summary == SUMMARY  # and the application reads it back


def test_every_case_view_adds_one_log_row(world):
    case = world["case"]
    url = reverse("case_detail", args=[case.pk])
    for role, user in (("coordinator", world["coordinator"]), ("participant", world["participant"])):
        before = CaseAccessLog.objects.filter(case_id_ref=case.pk, action="view").count()
        assert client(user).get(url).status_code == 200
        rows = CaseAccessLog.objects.filter(case_id_ref=case.pk, action="view")
        assert rows.count() == before + 1
        assert rows.first().user == user and rows.first().case_code == case.code
    client(world["coordinator"]).get(reverse("case_export", args=[case.pk]))
    assert CaseAccessLog.objects.filter(case_id_ref=case.pk, action="export").count() == 1
    # A refused view leaves no trace of the case, and no row.
    before = CaseAccessLog.objects.count()
    client(world["bunkyo_coordinator"]).get(url)
    assert CaseAccessLog.objects.count() == before


def test_the_log_is_read_by_own_coordinators_and_cannot_be_edited(world):
    case = world["case"]
    client(world["participant"]).get(reverse("case_detail", args=[case.pk]))
    page = client(world["coordinator"]).get(reverse("case_access_log"), {"case": case.code}).content.decode()
    assert "case-participant" in page and "閲覧" in page
    row = CaseAccessLog.objects.filter(case_id_ref=case.pk).first()
    row.detail = "tampered"
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        CaseAccessLog.objects.filter(pk=row.pk).update(detail="tampered")
    with pytest.raises(PermissionError):
        CaseAccessLog.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic():  # the database refuses too
        with connection.cursor() as cursor:
            cursor.execute("UPDATE network_caseaccesslog SET detail = 'tampered' WHERE id = %s", [row.pk])
    assert CaseAccessLog.objects.get(pk=row.pk).detail != "tampered"


def test_the_log_has_no_admin_edit_url(world):
    c = client(world["coordinator"])
    assert c.post(reverse("case_access_log"), {"detail": "x"}).status_code in (200, 405)
    assert not CaseAccessLog.objects.filter(detail="x").exists()


NEW_KEY = crypto.generate_key()


def test_key_rotation_re_encrypts_with_the_new_key(world, settings):
    case = world["case"]
    settings.TSUNAGU_CASE_KEYS = crypto.configured_keys()  # the key the fixture wrote with
    old = raw("network_casereview", "summary", case.pk)
    settings.TSUNAGU_CASE_KEYS = [NEW_KEY, *settings.TSUNAGU_CASE_KEYS]
    call_command("rotate_case_keys", stdout=open("/dev/null", "w"))
    new = raw("network_casereview", "summary", case.pk)
    assert new != old and new.startswith("fernet:")
    settings.TSUNAGU_CASE_KEYS = [NEW_KEY]  # the old key is gone: the record still reads
    assert CaseReview.objects.get(pk=case.pk).summary == SUMMARY
    assert Consent.objects.get(pk=world["consent"].pk).purpose == "就労支援と居場所の紹介のため"


def test_closed_cases_are_anonymised_after_the_retention_period(world, settings):
    settings.TSUNAGU_CASE_RETENTION_DAYS = 365
    case, coordinator = world["case"], world["coordinator"]
    casereviews.add_action(coordinator, case, member=world["youth"], action="面談を設定する")
    referral_message = "若者サポートへつなぎます"
    from network.cases.services import referrals

    referrals.send(coordinator, case, from_member=world["youth"], to_member=world["bunkyo_centre"],
                   items=["basics"], message=referral_message, consent=world["consent"])
    closed_on = timezone.localdate() - datetime.timedelta(days=400)
    casereviews.close_case(coordinator, case, on=closed_on)
    recent = casereviews.open_case(coordinator, case.municipality, held_on=timezone.localdate(),
                                   legal_basis="support_meeting", categories=["work"], summary="最近の事例")
    casereviews.close_case(coordinator, recent, on=timezone.localdate() - datetime.timedelta(days=10))

    assert case_retention.anonymise_expired() == 1
    assert case_retention.anonymise_expired() == 0  # nothing twice
    case.refresh_from_db()
    assert case.summary == "" and case.anonymised_on == timezone.localdate()
    assert case.code and case.categories == ["care", "withdrawal"]  # statistics stay
    assert not AgreedAction.objects.filter(case=case).exists()
    assert Referral.objects.get(case=case).message == ""
    assert not world["participant"].has_perm("network.view_casereview", case)
    assert CaseReview.objects.get(pk=recent.pk).summary == "最近の事例"
    assert CaseAccessLog.objects.filter(case_id_ref=case.pk, action="anonymise").count() == 1
    page = client(coordinator).get(reverse("case_detail", args=[case.pk])).content.decode()
    assert "匿名化" in page


def test_the_retention_task_is_scheduled_daily(db):
    from django_q.models import Schedule

    assert Schedule.objects.filter(func="network.tasks.anonymise_closed_cases", schedule_type="D").exists()


def test_the_legal_basis_cannot_be_changed_after_opening(world):
    """Switching a consent-based case to a support meeting would share it without consent."""
    case = world["case"]
    response = client(world["participant"]).post(reverse("case_edit", args=[case.pk]), {
        "held_on": "2026/11/20", "legal_basis": "support_meeting", "categories": ["withdrawal"],
        "summary": "更新した概要"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.legal_basis == "consent" and case.summary == "更新した概要"
    with pytest.raises(ValueError):
        casereviews.update_case(world["coordinator"], case, legal_basis="support_meeting")


def test_export_cells_cannot_run_as_spreadsheet_formulas(world):
    case = world["case"]
    casereviews.update_case(world["coordinator"], case, summary='=HYPERLINK("http://evil.example","x")')
    text = client(world["coordinator"]).get(reverse("case_export", args=[case.pk])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_an_agreed_action_with_a_mistyped_due_date_keeps_what_was_typed(world):
    coordinator = client(world["coordinator"])
    url = reverse("case_action", args=[world["case"].pk])
    response = coordinator.post(url, {"member": world["youth"].pk, "action": "家族会を案内する", "due_on": "令和9年2月30日"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "のように入力してください" in body and 'value="令和9年2月30日"' in body and "家族会を案内する" in body
    assert not AgreedAction.objects.filter(case=world["case"]).exists()
    response = coordinator.post(url, {"member": world["youth"].pk, "action": "家族会を案内する", "due_on": "令和9年2月3日"})
    assert response.status_code == 302
    assert AgreedAction.objects.get(case=world["case"]).due_on == datetime.date(2027, 2, 3)


def test_another_municipality_cannot_add_an_action_with_any_date(world):
    response = client(world["bunkyo_coordinator"]).post(
        reverse("case_action", args=[world["case"].pk]),
        {"member": world["youth"].pk, "action": "家族会を案内する", "due_on": "2027/2/3"})
    assert refused(response)
    assert not AgreedAction.objects.filter(case=world["case"]).exists()
