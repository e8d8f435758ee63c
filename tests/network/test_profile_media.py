"""A group's logo and photos live in its own collection: only its editors and the metropolitan
coordinators can manage them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from network.profiles.services import ensure_editor_space, grant_editor
from tests.conftest import client_for
from tests.tenants.helpers import refused

from .profiles_helpers import form_data, make_organisation, url


def png(name="logo.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 20), (200, 120, 40)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def image_in(collection, title):
    return get_image_model().objects.create(title=title, file=png(f"{title}.png"), collection=collection)


@pytest.fixture
def spaces(make_user):
    a = ensure_editor_space(make_organisation("ひだまりの会", "ひだまりのかい"))
    b = ensure_editor_space(make_organisation("こもれび家族会", "こもれびかぞくかい"))
    editor = make_user("editor-a")
    grant_editor(a, editor)
    return a, b, client_for(editor)


def test_each_group_gets_its_own_collection(spaces):
    a, b, _ = spaces
    assert a.collection and b.collection and a.collection != b.collection
    assert a.collection.get_parent().name == "連携団体・民間支援団体"


def test_editor_sees_and_chooses_only_their_groups_images(spaces):
    a, b, client = spaces
    image_in(a.collection, "ひだまりロゴ")
    image_in(b.collection, "こもれびロゴ")
    listing = client.get(reverse("wagtailimages:index")).content.decode()
    assert "ひだまりロゴ" in listing and "こもれびロゴ" not in listing
    chooser = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    assert "ひだまりロゴ" in chooser and "こもれびロゴ" not in chooser


def test_editor_uploads_into_their_collection_only(spaces):
    a, b, client = spaces
    response = client.post(reverse("wagtailimages:add"), {"title": "定例会の様子", "file": png(),
                                                         "collection": a.collection.pk})
    assert response.status_code == 302
    assert get_image_model().objects.get(title="定例会の様子").collection == a.collection
    response = client.post(reverse("wagtailimages:add"), {"title": "他団体へ", "file": png(),
                                                         "collection": b.collection.pk})
    # With one collection to add to, Wagtail offers no choice: the upload lands in the group's own.
    assert not get_image_model().objects.filter(title="他団体へ", collection=b.collection).exists()
    assert set(get_image_model().objects.filter(title__in=["定例会の様子", "他団体へ"])
               .values_list("collection", flat=True)) == {a.collection.pk}


def test_editor_cannot_edit_another_groups_image(spaces):
    a, b, client = spaces
    theirs = image_in(b.collection, "こもれびロゴ")
    assert refused(client.get(reverse("wagtailimages:edit", args=[theirs.pk])))
    assert refused(client.post(reverse("wagtailimages:delete", args=[theirs.pk])))
    assert get_image_model().objects.filter(pk=theirs.pk).exists()


def test_logo_and_photos_appear_on_the_public_profile_after_approval(spaces, as_metro, client):
    a, _, editor_client = spaces
    logo = image_in(a.collection, "ひだまりロゴ")
    photo = image_in(a.collection, "定例会")
    data = form_data(a, logo=logo.pk, **{"photos-TOTAL_FORMS": "1", "photos-0-image": photo.pk,
                                         "photos-0-caption": "定例会の様子", "photos-0-ORDER": "1",
                                         "photos-0-id": "", "photos-0-DELETE": "", "action-submit": "1"})
    assert editor_client.post(url("edit", a.pk), data).status_code == 302
    public = reverse("organisation_detail", args=[a.pk])
    assert "定例会の様子" not in client.get(public).content.decode()
    a.refresh_from_db()
    task_state = a.current_workflow_state.current_task_state
    as_metro.post(url("workflow_action", a.pk, "approve", task_state.pk), {"comment": ""})
    page = client.get(public).content.decode()
    assert "定例会の様子" in page
    assert 'class="logo"' in page


def test_metro_coordinator_manages_every_groups_images(spaces, as_metro):
    a, b, _ = spaces
    theirs = image_in(b.collection, "こもれびロゴ")
    assert as_metro.get(reverse("wagtailimages:edit", args=[theirs.pk])).status_code == 200


def test_editor_cannot_point_the_logo_at_another_groups_image(spaces, client):
    a, b, editor_client = spaces
    theirs = image_in(b.collection, "こもれびロゴ")
    data = form_data(a, logo=theirs.pk, **{"action-submit": "1"})
    response = editor_client.post(url("edit", a.pk), data)
    assert response.status_code == 200
    assert "団体のコレクションの画像" in response.content.decode()
    a.refresh_from_db()
    assert a.logo is None and not a.has_unpublished_changes
