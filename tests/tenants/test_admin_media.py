"""Each municipality's images and documents live in its own collection."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def media(shinjuku, bunkyo):
    def image(title, collection):
        return Image.objects.create(title=title, collection=collection,
                                    file=SimpleUploadedFile(f"{title}.png", png_bytes()))

    def document(title, collection):
        return Document.objects.create(title=title, collection=collection,
                                       file=SimpleUploadedFile(f"{title}.pdf", b"%PDF-1.4 demo"))

    return {
        "shinjuku_image": image("shinjuku-leaflet", shinjuku.collection),
        "bunkyo_image": image("bunkyo-leaflet", bunkyo.collection),
        "shinjuku_doc": document("新宿区会議資料", shinjuku.collection),
        "bunkyo_doc": document("文京区会議資料", bunkyo.collection),
    }


def test_image_and_document_listings_show_only_own_collection(as_shinjuku, media):
    images = as_shinjuku.get(reverse("wagtailimages:index")).content.decode()
    assert "shinjuku-leaflet" in images and "bunkyo-leaflet" not in images
    documents = as_shinjuku.get(reverse("wagtaildocs:index")).content.decode()
    assert "新宿区会議資料" in documents and "文京区会議資料" not in documents


def test_choosers_offer_only_own_collection(as_shinjuku, media):
    images = as_shinjuku.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    assert "shinjuku-leaflet" in images and "bunkyo-leaflet" not in images
    documents = as_shinjuku.get(reverse("wagtaildocs_chooser:choose")).json()["html"]
    assert "新宿区会議資料" in documents and "文京区会議資料" not in documents


def test_other_municipalitys_image_and_document_cannot_be_opened(as_shinjuku, media):
    for url in (reverse("wagtailimages:edit", args=[media["bunkyo_image"].pk]),
                reverse("wagtailimages:delete", args=[media["bunkyo_image"].pk]),
                reverse("wagtaildocs:edit", args=[media["bunkyo_doc"].pk]),
                reverse("wagtaildocs:delete", args=[media["bunkyo_doc"].pk])):
        response = as_shinjuku.get(url)
        assert response.status_code in (302, 403), url
        assert "文京区会議資料" not in response.content.decode()


def test_upload_form_offers_only_own_collection(as_shinjuku, shinjuku, bunkyo):
    body = as_shinjuku.get(reverse("wagtailimages:add")).content.decode()
    # With a single permitted collection Wagtail hides the choice; either way no other collection.
    assert f'value="{bunkyo.collection.pk}"' not in body


def test_upload_goes_to_own_collection_and_never_to_anothers(as_shinjuku, shinjuku, bunkyo):
    response = as_shinjuku.post(reverse("wagtailimages:add"), {
        "title": "event-photo", "collection": bunkyo.collection.pk,
        "file": SimpleUploadedFile("event-photo.png", png_bytes(), content_type="image/png"),
    })
    assert not Image.objects.filter(collection=bunkyo.collection, title="event-photo").exists()
    if response.status_code == 302:  # the collection field was ignored: it landed in our own
        assert Image.objects.get(title="event-photo").collection == shinjuku.collection
    response = as_shinjuku.post(reverse("wagtaildocs:add"), {
        "title": "議事録", "collection": shinjuku.collection.pk,
        "file": SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes", content_type="application/pdf"),
    })
    assert response.status_code == 302
    assert Document.objects.get(title="議事録").collection == shinjuku.collection


def test_metro_coordinator_sees_every_collection(as_metro, media):
    images = as_metro.get(reverse("wagtailimages:index")).content.decode()
    assert "shinjuku-leaflet" in images and "bunkyo-leaflet" in images


def test_document_from_a_pending_upload_is_created_in_own_collection(as_shinjuku, shinjuku_coordinator, shinjuku):
    """The multiple-upload step that turns a pending upload into a document: its form has no
    file field, and it used to fail with a 500 on the extension check of the empty file."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import UploadedFile

    upload = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(Document), uploaded_by_user=shinjuku_coordinator,
        file=SimpleUploadedFile("kaigi.pdf", b"%PDF-1.4 council paper"))
    prefix = f"uploaded-document-{upload.pk}"
    url = reverse("wagtaildocs:create_multiple_from_uploaded_document", args=[upload.pk])

    empty = as_shinjuku.post(url, {})
    assert empty.status_code == 200 and empty.json()["success"] is False
    assert not Document.objects.filter(title="第3回 会議資料").exists()

    response = as_shinjuku.post(url, {f"{prefix}-title": "第3回 会議資料", f"{prefix}-collection": shinjuku.collection.pk})
    assert response.status_code == 200 and response.json()["success"] is True
    document = Document.objects.get(title="第3回 会議資料")
    assert document.collection == shinjuku.collection and document.file.name.endswith(".pdf")
    assert not UploadedFile.objects.filter(pk=upload.pk).exists()


def test_images_are_kept_out_of_members_only_collections(as_shinjuku, shinjuku, media):
    """Image files are served openly, so a members-only collection takes documents only: the
    upload, an edit and the bulk move are refused with a Japanese message and change nothing."""
    from tenants.provisioning import members_collection

    members = members_collection(shinjuku)
    response = as_shinjuku.post(reverse("wagtailimages:add"), {
        "title": "構成員限定の写真", "collection": members.pk,
        "file": SimpleUploadedFile("gentei.png", png_bytes(), content_type="image/png")})
    assert response.status_code == 200 and "構成員限定のコレクションには置けません" in response.content.decode()
    assert not Image.objects.filter(title="構成員限定の写真").exists()

    image = media["shinjuku_image"]
    response = as_shinjuku.post(reverse("wagtailimages:edit", args=[image.pk]), {
        "title": image.title, "collection": members.pk})
    assert "構成員限定のコレクションには置けません" in response.content.decode()
    assert Image.objects.get(pk=image.pk).collection == shinjuku.collection

    bulk = reverse("wagtail_bulk_action", args=["wagtailimages", "image", "add_to_collection"]) + f"?id={image.pk}"
    response = as_shinjuku.post(bulk, {"collection": members.pk}, follow=True)
    assert "構成員限定のコレクションには置けません" in response.content.decode()
    assert Image.objects.get(pk=image.pk).collection == shinjuku.collection

    response = as_shinjuku.post(reverse("wagtailimages:add"), {
        "title": "公開の写真", "collection": shinjuku.collection.pk,
        "file": SimpleUploadedFile("kokai.png", png_bytes(), content_type="image/png")})
    assert response.status_code == 302 and Image.objects.get(title="公開の写真").collection == shinjuku.collection
