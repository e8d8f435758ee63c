"""A document moved into or out of a members-only collection, and the documents of a collection
that gains or loses its restriction, move between the public and the private storage (both
backends). The old copy goes when the change commits."""

import uuid

import pytest
from wagtail.models import CollectionViewRestriction

from tenants.provisioning import members_collection
from tests.conftest import client_for
from tests.network.councils_helpers import document

from .conftest import body

pytestmark = pytest.mark.django_db


def pdf():
    return f"%PDF-1.4 {uuid.uuid4().hex}".encode()


def test_document_moved_into_the_members_collection_leaves_public_storage(
        backend, shinjuku, client, shinjuku_member, django_capture_on_commit_callbacks):
    data = pdf()
    leaflet = document(shinjuku.collection, "議事録（案）", content=data)
    assert data in backend.public_contents()
    with django_capture_on_commit_callbacks(execute=True):
        leaflet.collection = members_collection(shinjuku)
        leaflet.save()
    leaflet.refresh_from_db()
    assert leaflet.file.name.startswith("private/")
    assert data in backend.private_contents() and data not in backend.public_contents()
    assert client.get(leaflet.url).status_code == 302
    assert body(client_for(shinjuku_member).get(leaflet.url)) == data


def test_document_moved_out_of_the_members_collection_becomes_public(
        backend, shinjuku, client, django_capture_on_commit_callbacks):
    data = pdf()
    with django_capture_on_commit_callbacks(execute=True):
        minutes = document(members_collection(shinjuku), "公開する議事録", content=data)
    assert data in backend.private_contents()
    with django_capture_on_commit_callbacks(execute=True):
        minutes.collection = shinjuku.collection
        minutes.save()
    minutes.refresh_from_db()
    assert not minutes.file.name.startswith("private/")
    assert data in backend.public_contents() and data not in backend.private_contents()
    response = client.get(minutes.url)
    assert response.status_code == 200 and body(response) == data


def test_a_move_out_that_is_rolled_back_leaves_nothing_public(backend, shinjuku, django_capture_on_commit_callbacks):
    data = pdf()
    with django_capture_on_commit_callbacks(execute=True):
        minutes = document(members_collection(shinjuku), "非公開のまま", content=data)
    with django_capture_on_commit_callbacks(execute=False):  # the transaction never commits
        minutes.collection = shinjuku.collection
        minutes.save()
    assert data not in backend.public_contents()


def test_collection_gaining_and_losing_a_restriction_moves_its_documents(
        backend, shinjuku, django_capture_on_commit_callbacks):
    data = pdf()
    folder = shinjuku.collection.add_child(name="新宿区 作業部会")
    paper = document(folder, "作業部会の資料", content=data)
    with django_capture_on_commit_callbacks(execute=True):
        restriction = CollectionViewRestriction.objects.create(
            collection=folder, restriction_type=CollectionViewRestriction.LOGIN)
    paper.refresh_from_db()
    assert paper.file.name.startswith("private/")
    assert data in backend.private_contents() and data not in backend.public_contents()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    paper.refresh_from_db()
    assert not paper.file.name.startswith("private/")
    assert data in backend.public_contents() and data not in backend.private_contents()
