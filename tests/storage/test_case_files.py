"""Consent scans on both backends: retention really deletes them from the private storage and
says so in the case's access log; a scan already missing is reported (warning, access log, the
task's count), not passed over; key rotation rewrites scans in object storage too."""

import datetime
import logging
import uuid

import pytest
from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from network import tasks
from network.cases.services import casereviews, consents
from network.models import CaseAccessLog, Consent
from tenants import crypto
from tests.conftest import client_for
from tests.network.case_fixtures import world  # noqa: F401

from .conftest import body

pytestmark = pytest.mark.django_db


def scanned_consent(world):  # noqa: F811
    data = f"%PDF-1.4 consent {uuid.uuid4().hex}".encode()
    consent = consents.record_consent(
        world["coordinator"], world["case"], given_by="family", items=["basics"], recipients=[world["youth"]],
        purpose="家族会への紹介", given_on=timezone.localdate(), method="signed_form",
        scan=SimpleUploadedFile("同意書.pdf", data, content_type="application/pdf"))
    return consent, data


def close_long_ago(world, settings):  # noqa: F811
    settings.TSUNAGU_CASE_RETENTION_DAYS = 365
    casereviews.close_case(world["coordinator"], world["case"],
                           on=timezone.localdate() - datetime.timedelta(days=400))


def retention_log(case):
    return list(CaseAccessLog.objects.filter(case_id_ref=case.pk, action="anonymise")
                .order_by("pk").values_list("detail", flat=True))


def test_retention_deletes_the_scan_from_the_storage_and_logs_it(backend, world, settings):  # noqa: F811
    consent, _data = scanned_consent(world)
    name, storage = consent.scan.name, consent.scan.storage
    stored_before = len(backend.private_contents())
    assert storage.exists(name)
    close_long_ago(world, settings)
    assert tasks.anonymise_closed_cases() == {"cases": 1, "scans_deleted": 1, "scans_missing": 0}
    assert not storage.exists(name)
    assert len(backend.private_contents()) == stored_before - 1
    assert Consent.objects.get(pk=consent.pk).scan.name == ""
    assert retention_log(world["case"]) == [f"保存期間の経過: 同意書のスキャンを削除しました（{name}）", "保存期間の経過により匿名化しました"]
    assert tasks.anonymise_closed_cases() == {"cases": 0, "scans_deleted": 0, "scans_missing": 0}


def test_a_scan_already_missing_is_reported_not_ignored(backend, world, settings, caplog):  # noqa: F811
    consent, _data = scanned_consent(world)
    name = consent.scan.name
    consent.scan.storage.delete(name)  # lost outside the application (a restore, a manual delete)
    close_long_ago(world, settings)
    with caplog.at_level(logging.WARNING, logger="tsunagu.retention"):
        result = tasks.anonymise_closed_cases()
    assert result == {"cases": 1, "scans_deleted": 0, "scans_missing": 1}
    assert any(name in record.getMessage() and record.levelno == logging.WARNING for record in caplog.records)
    assert retention_log(world["case"]) == [f"保存期間の経過: 同意書のスキャンは既にありませんでした（{name}）", "保存期間の経過により匿名化しました"]


def test_key_rotation_rewrites_the_scan_in_the_storage(backend, world, settings):  # noqa: F811
    consent, data = scanned_consent(world)
    old_name = consent.scan.name
    new_key = Fernet.generate_key().decode()
    settings.TSUNAGU_CASE_KEYS = [new_key, *crypto.configured_keys()]
    call_command("rotate_case_keys", stdout=open("/dev/null", "w"))
    settings.TSUNAGU_CASE_KEYS = [new_key]  # the old key is gone: the scan still reads
    consent.refresh_from_db()
    assert consent.scan.name != old_name and not consent.scan.storage.exists(old_name)
    url = reverse("consent_scan", args=[world["case"].pk, consent.pk])
    assert body(client_for(world["coordinator"]).get(url)) == data
