"""An office file is a zip archive: one that would unpack to far more than a real document (a zip
bomb) is refused with a Japanese message as a Wagtail document and as a consultation attachment,
and nothing is saved; a genuine small Word file is still accepted in both places."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from tenants.uploads import DOCUMENTS, check_upload
from tests.conftest import client_for
from training.models import ConsultationRequest

CONTENT_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                 b'officedocument.wordprocessingml.document.main+xml"/></Types>')
DOCUMENT = '<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>会則の見直しについて</w:t></w:r></w:p></w:body></w:document>'


def word_file(zeros_mb=0, extra_entries=0):
    """A Word file as Word lays it out, optionally carrying `zeros_mb` MB of zeros (which deflate
    to about a thousandth) or many tiny parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", DOCUMENT)
        if zeros_mb:
            with archive.open("word/media/image1.bin", "w", force_zip64=True) as part:
                chunk = b"\x00" * (1024 * 1024)
                for _ in range(zeros_mb):
                    part.write(chunk)
        for n in range(extra_entries):
            archive.writestr(f"word/parts/{n}.xml", "")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb():
    return word_file(zeros_mb=200)  # 200 MB unpacked, about 200 KB as uploaded


def test_a_genuine_word_file_passes():
    assert check_upload(SimpleUploadedFile("会則.docx", word_file()), DOCUMENTS) == "docx"


@pytest.mark.parametrize("archive", ["bomb", "ratio", "entries"])
def test_an_archive_that_unpacks_far_beyond_an_office_file_is_refused(bomb, archive):
    content = {"bomb": bomb, "ratio": word_file(zeros_mb=20), "entries": word_file(extra_entries=5001)}[archive]
    assert len(content) < 1024 * 1024  # small as uploaded
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("会則.docx", content), DOCUMENTS)
    assert "展開" in error.value.messages[0] and "会則.docx" in error.value.messages[0]


def test_a_damaged_archive_is_refused():
    content = word_file()[:-40]  # the central directory cut off
    with pytest.raises(ValidationError, match="壊れて"):
        check_upload(SimpleUploadedFile("会則.docx", content), DOCUMENTS)


def test_coordinator_cannot_add_a_zip_bomb_as_a_document(as_shinjuku, shinjuku, bomb):
    url = reverse("wagtaildocs:add")
    response = as_shinjuku.post(url, {"title": "会則", "collection": shinjuku.collection_id,
                                      "file": SimpleUploadedFile("会則.docx", bomb)})
    assert response.status_code == 200 and "展開" in response.content.decode()
    assert not get_document_model().objects.filter(title="会則").exists()
    response = as_shinjuku.post(url, {"title": "会則", "collection": shinjuku.collection_id,
                                      "file": SimpleUploadedFile("会則.docx", word_file())})
    assert response.status_code == 302 and get_document_model().objects.filter(title="会則").exists()


def test_partner_group_cannot_attach_a_zip_bomb_to_a_consultation_request(partner_editor, bomb):
    from network.profiles.services import grant_editor
    from tests.network.profiles_helpers import make_organisation

    organisation = make_organisation("ひだまりの会", "ひだまりのかい")
    grant_editor(organisation, partner_editor)
    client = client_for(partner_editor)

    def send(content):
        return client.post(reverse("consultation_new"), {
            "organisation": organisation.pk, "field": "legal", "topic": "規約の確認", "background": "会則の見直し",
            "preferred_1": "2030-01-10T10:00", "format": "online",
            "attachments": [SimpleUploadedFile("会則.docx", content)]})

    response = send(bomb)
    assert response.status_code == 400 and "展開" in response.content.decode()
    assert not ConsultationRequest.objects.exists()
    assert send(word_file()).status_code == 302
    assert ConsultationRequest.objects.count() == 1
