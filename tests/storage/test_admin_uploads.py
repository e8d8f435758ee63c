"""Through the admin, as a coordinator works: a document uploaded into the members-only
collection is written straight to the private storage (never to public storage, not even for a
moment), and moving it to the public collection in the edit form makes it public (both
backends)."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document

from tenants.provisioning import members_collection
from tests.conftest import client_for

from .conftest import body

pytestmark = pytest.mark.django_db


def test_coordinator_uploads_a_members_only_document_and_later_publishes_it(
        backend, as_shinjuku, shinjuku, shinjuku_member, client, django_capture_on_commit_callbacks):
    data = f"%PDF-1.4 members {uuid.uuid4().hex}".encode()
    members = members_collection(shinjuku)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_shinjuku.post(reverse("wagtaildocs:add"), {
            "title": "第2回 連絡会資料", "collection": members.pk,
            "file": SimpleUploadedFile("shiryo.pdf", data, content_type="application/pdf")})
    assert response.status_code == 302
    document = Document.objects.get(title="第2回 連絡会資料")
    assert document.file.name.startswith("private/documents/")
    assert data in backend.private_contents() and data not in backend.public_contents()
    assert client.get(document.url).status_code == 302  # the public is asked to sign in
    assert body(client_for(shinjuku_member).get(document.url)) == data

    with django_capture_on_commit_callbacks(execute=True):
        response = as_shinjuku.post(reverse("wagtaildocs:edit", args=[document.pk]), {
            "title": "第2回 連絡会資料", "collection": shinjuku.collection.pk, "tags": ""})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.collection == shinjuku.collection and not document.file.name.startswith("private/")
    assert data in backend.public_contents() and data not in backend.private_contents()
    assert body(client.get(document.url)) == data
