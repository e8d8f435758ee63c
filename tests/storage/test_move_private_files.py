"""`manage.py move_private_files` on both backends: private files left in public storage (or on a
local disk before object storage) and members-only documents stored publicly end up in the private
storage, served by their views; a second run moves nothing; a file found nowhere is counted."""

import datetime
import io
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command
from django.urls import reverse

from agreements.models import Agreement
from network.models import Organisation
from tenants.provisioning import members_collection
from tests.conftest import client_for
from tests.network.councils_helpers import document

from .conftest import body

pytestmark = pytest.mark.django_db


def run():
    out = io.StringIO()
    call_command("move_private_files", stdout=out)
    return out.getvalue()


def agreement_with_document_in(storage, number):
    organisation = Organisation.objects.create(name=f"団体{number}", name_kana="だんたい", live=True)
    agreement = Agreement.objects.create(number=number, organisation=organisation,
                                         signed_on=datetime.date(2025, 3, 1), valid_from=datetime.date(2025, 4, 1))
    data = f"%PDF-1.4 {number} {uuid.uuid4().hex}".encode()
    name = storage.save(f"agreements/2025/{number}.pdf", ContentFile(data))
    Agreement.objects.filter(pk=agreement.pk).update(document=name)
    return agreement, data


def test_old_locations_are_emptied_once(backend, settings, shinjuku, shinjuku_member, as_metro,
                                        django_capture_on_commit_callbacks):
    in_public, public_data = agreement_with_document_in(storages["public"], "R5-101")
    old_disk = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)
    on_old_disk, disk_data = agreement_with_document_in(old_disk, "R5-102")
    minutes_data = f"%PDF-1.4 minutes {uuid.uuid4().hex}".encode()
    minutes = document(shinjuku.collection, "第1回 議事録", content=minutes_data)
    type(minutes).objects.filter(pk=minutes.pk).update(collection=members_collection(shinjuku))
    assert minutes_data in backend.public_contents()

    with django_capture_on_commit_callbacks(execute=True):  # the command runs in autocommit
        output = run()

    moved_files = 1 if backend.kind == "files" else 2  # on files, PRIVATE_MEDIA_ROOT already is the private storage
    assert f"非公開ファイルを非公開ストレージへ移動しました: {moved_files} 件" in output
    assert "構成員限定の文書を非公開ストレージへ移動しました: 1 件" in output
    for data in (public_data, disk_data, minutes_data):
        assert data in backend.private_contents() and data not in backend.public_contents()
    for agreement, data in ((in_public, public_data), (on_old_disk, disk_data)):
        response = as_metro.get(reverse("agreement_document", args=[agreement.pk]))
        assert body(response) == data
    minutes.refresh_from_db()
    assert minutes.file.name.startswith("private/")
    assert body(client_for(shinjuku_member).get(minutes.url)) == minutes_data

    again = run()
    assert "非公開ファイルを非公開ストレージへ移動しました: 0 件" in again
    assert "構成員限定の文書を非公開ストレージへ移動しました: 0 件" in again


def test_a_file_found_nowhere_is_counted(backend):
    organisation = Organisation.objects.create(name="記録のない団体", name_kana="きろく", live=True)
    Agreement.objects.create(number="R5-999", organisation=organisation, signed_on=datetime.date(2025, 3, 1),
                             valid_from=datetime.date(2025, 4, 1), document="agreements/2025/lost.pdf")
    output = run()
    assert "どこにも見つからないファイル: 1 件" in output
