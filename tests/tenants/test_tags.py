"""Tags shown to a user come only from objects that user may see: the tag autocomplete (both of
its URLs) and the documents/images listings' tag filter, for every role (issue 18)."""

import pytest
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image

from network.profiles.services import grant_editor
from tenants.provisioning import provision_members_collection
from tenants.roles import Role
from tests.conftest import client_for
from tests.network.profiles_helpers import make_organisation
from tests.tenants.test_admin_media import png_bytes

SHINJUKU_TAGS = {"支援-新宿区", "支援-新宿区画像"}
SHINJUKU_MEMBERS_ONLY = "支援-新宿区構成員限定"
BUNKYO_TAGS = {"支援-文京区", "支援-文京区画像"}
GROUP_TAGS = {"支援-ひだまり"}
EVERY_TAG = SHINJUKU_TAGS | {SHINJUKU_MEMBERS_ONLY} | BUNKYO_TAGS | GROUP_TAGS


def document(title, collection, *tags):
    from django.core.files.uploadedfile import SimpleUploadedFile

    doc = Document.objects.create(title=title, collection=collection,
                                  file=SimpleUploadedFile(f"{title}.pdf", b"%PDF-1.4 demo"))
    doc.tags.add(*tags)
    return doc


def image(title, collection, *tags):
    from django.core.files.uploadedfile import SimpleUploadedFile

    img = Image.objects.create(title=title, collection=collection, file=SimpleUploadedFile(f"{title}.png", png_bytes()))
    img.tags.add(*tags)
    return img


@pytest.fixture
def users(shinjuku, bunkyo, make_user):
    document("新宿区会議資料", shinjuku.collection, "支援-新宿区")
    document("新宿区構成員資料", provision_members_collection(shinjuku), SHINJUKU_MEMBERS_ONLY)
    image("shinjuku-leaflet", shinjuku.collection, "支援-新宿区画像")
    document("文京区会議資料", bunkyo.collection, "支援-文京区")
    image("bunkyo-leaflet", bunkyo.collection, "支援-文京区画像")
    group = make_organisation("ひだまりの会", "ひだまりのかい")
    editor = make_user("tag-editor", Role.PARTNER_EDITOR)
    grant_editor(group, editor)
    group.refresh_from_db()
    image("hidamari-photo", group.collection, "支援-ひだまり")
    return {
        "shinjuku": (make_user("tag-shinjuku", Role.MUNICIPAL_COORDINATOR, shinjuku),
                     SHINJUKU_TAGS | {SHINJUKU_MEMBERS_ONLY}),
        "bunkyo": (make_user("tag-bunkyo", Role.MUNICIPAL_COORDINATOR, bunkyo), BUNKYO_TAGS),
        "partner": (editor, GROUP_TAGS),
        "professional": (make_user("tag-professional", Role.PROFESSIONAL), set()),
        "metro": (make_user("tag-metro", Role.METRO_COORDINATOR), EVERY_TAG),
    }


ROLES = ["shinjuku", "bunkyo", "partner", "professional", "metro"]


@pytest.mark.parametrize("role", ROLES)
def test_tag_autocomplete_suggests_only_tags_of_objects_the_user_may_see(users, role):
    user, expected = users[role]
    client = client_for(user)
    for url in (reverse("wagtailadmin_tag_autocomplete"),
                reverse("wagtailadmin_tag_model_autocomplete", args=["taggit", "tag"])):
        response = client.get(url, {"term": "支援"})
        assert response.status_code == 200 and set(response.json()) == expected, url


@pytest.mark.parametrize("role", ["shinjuku", "partner", "professional"])
def test_a_term_naming_another_tenants_tag_finds_nothing(users, role):
    client = client_for(users[role][0])
    for term in ("支援-文京", "支援-文京区画像"):
        assert client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": term}).json() == []


def test_bunkyo_does_not_see_shinjukus_members_only_tag(users):
    client = client_for(users["bunkyo"][0])
    assert client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": SHINJUKU_MEMBERS_ONLY}).json() == []
    # The metropolitan coordinator sees it.
    metro = client_for(users["metro"][0])
    assert metro.get(reverse("wagtailadmin_tag_autocomplete"), {"term": SHINJUKU_MEMBERS_ONLY}).json() == [
        SHINJUKU_MEMBERS_ONLY]


def test_autocomplete_keeps_wagtails_answers_for_no_term_and_a_bad_model(users):
    client = client_for(users["shinjuku"][0])
    assert client.get(reverse("wagtailadmin_tag_autocomplete")).json() == []
    assert client.get(reverse("wagtailadmin_tag_model_autocomplete", args=["tenants", "municipality"]),
                      {"term": "支"}).status_code == 404
    # And the public never gets an answer.
    from django.test import Client

    assert Client().get(reverse("wagtailadmin_tag_autocomplete"), {"term": "支援"}).status_code == 302


def filter_choices(client, url):
    response = client.get(url)
    if response.status_code in (302, 403):  # no access to the listing at all
        return response, set()
    assert response.status_code == 200, url
    tag = response.context["filters"].filters.get("tag")
    return response, {name for name, _label in tag.extra["choices"]} if tag else set()


@pytest.mark.parametrize("role", ROLES)
def test_listing_tag_filters_offer_only_visible_tags(users, role):
    user, expected = users[role]
    client = client_for(user)
    docs, doc_tags = filter_choices(client, reverse("wagtaildocs:index"))
    images, image_tags = filter_choices(client, reverse("wagtailimages:index"))
    assert doc_tags | image_tags == expected
    for hidden in EVERY_TAG - expected:
        assert hidden not in docs.content.decode() and hidden not in images.content.decode()
    for shown in doc_tags:
        assert shown in docs.content.decode()


def test_image_chooser_popular_tags_are_only_visible_ones(users):
    client = client_for(users["shinjuku"][0])
    html = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    assert "支援-新宿区画像" in html and "支援-文京区画像" not in html and "支援-ひだまり" not in html
