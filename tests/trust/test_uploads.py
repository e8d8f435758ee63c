"""Uploads are checked by content, type and size: a renamed program is refused with a Japanese
message wherever files come in (documents, consultation attachments, consent scans), and
nothing is saved."""


import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from tenants.uploads import DOCUMENTS, SCANS, check_upload
from training.models import ConsultationRequest

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
HTML = "<html><script>alert(1)</script></html>".encode()


@pytest.mark.parametrize("name,content,allowed", [
    ("資料.pdf", PDF, DOCUMENTS), ("photo.PNG", PNG, SCANS), ("一覧.csv", "区,電話\n新宿,03\n".encode("cp932"), DOCUMENTS),
    ("memo.txt", "メモ".encode(), DOCUMENTS),
])
def test_allowed_content_passes(name, content, allowed):
    assert check_upload(SimpleUploadedFile(name, content), allowed)


@pytest.mark.parametrize("name,content,allowed", [
    ("invoice.pdf", EXE, DOCUMENTS),     # a program renamed
    ("page.pdf", HTML, DOCUMENTS),       # HTML renamed
    ("scan.pdf", PNG, SCANS),            # content and name disagree
    ("data.csv", EXE, DOCUMENTS),        # binary named as text
    ("slides.docx", PDF, DOCUMENTS),
    ("report.pdf", PDF, {"png"}),        # a kind this upload does not take
])
def test_content_that_is_not_what_it_claims_is_refused_in_japanese(name, content, allowed):
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, content), allowed)
    assert "許可された形式" in error.value.messages[0] and name in error.value.messages[0]


def test_oversized_upload_is_refused():
    with pytest.raises(ValidationError, match="MB"):
        check_upload(SimpleUploadedFile("big.pdf", PDF + b"0" * 2048), DOCUMENTS, max_bytes=1024)


def test_wagtail_document_upload_checks_content(as_shinjuku, shinjuku):
    url = reverse("wagtaildocs:add")
    bad = as_shinjuku.post(url, {"title": "会議資料", "collection": shinjuku.collection_id,
                                 "file": SimpleUploadedFile("会議資料.pdf", EXE)})
    assert bad.status_code == 200 and "許可された形式" in bad.content.decode()
    assert not get_document_model().objects.filter(title="会議資料").exists()
    good = as_shinjuku.post(url, {"title": "会議資料", "collection": shinjuku.collection_id,
                                  "file": SimpleUploadedFile("会議資料.pdf", PDF)})
    assert good.status_code == 302 and get_document_model().objects.filter(title="会議資料").exists()


def test_consultation_attachment_checks_content(make_user, partner_editor):
    from network.profiles.services import grant_editor
    from tests.conftest import client_for
    from tests.network.profiles_helpers import make_organisation

    organisation = make_organisation("ひだまりの会", "ひだまりのかい")
    grant_editor(organisation, partner_editor)
    response = client_for(partner_editor).post(reverse("consultation_new"), {
        "organisation": organisation.pk, "field": "legal", "topic": "規約の確認", "background": "会則の見直し",
        "preferred_1": "2030-01-10T10:00", "format": "online",
        "attachments": [SimpleUploadedFile("会則.pdf", EXE)]})
    assert response.status_code == 400 and "許可された形式" in response.content.decode()
    assert not ConsultationRequest.objects.exists()
