"""Every private file kind, on both storage backends: its bytes sit only in the private storage,
no URL outside its guarded view returns them (the MEDIA_URL path a proxy or the development
server would serve, the public bucket, the private bucket without a signature), and the guarded
view gives them to the role tenants.access allows and refuses another municipality's coordinator
and the public."""

import datetime
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.views.static import serve

from agreements.models import Agreement, Prospect, ProspectFile
from network.cases.services import consents
from network.models import CaseAccessLog, Organisation
from tests.conftest import client_for
from tests.network.case_fixtures import world  # noqa: F401
from tests.network.councils_helpers import members_document
from tests.tenants.helpers import refused
from tests.training.conftest import editor_a, group_a, later, lawyer, metro  # noqa: F401
from training.expertbank import services as consultations

from .conftest import body, fetch_anonymously

pytestmark = pytest.mark.django_db


def unique_pdf(label):
    return f"%PDF-1.4 {label} {uuid.uuid4().hex}".encode()


def served_as_media(settings, name):
    """What `static(MEDIA_URL, document_root=MEDIA_ROOT)` or nginx's /media/ alias would answer."""
    try:
        return body(serve(RequestFactory().get(settings.MEDIA_URL + name), name, document_root=settings.MEDIA_ROOT))
    except Http404:
        return None


def assert_only_in_private_storage(backend, stored, *names):
    assert stored in backend.private_contents()
    assert stored not in backend.public_contents()
    for name in names:
        assert served_as_media(backend.settings, name) != stored  # other tests leave public files
        for url in backend.direct_urls(name):
            status, content = fetch_anonymously(url)
            assert status in (403, 404) and content != stored, url


def assert_refused_to_public(client, url):
    response = client.get(url)
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert "/login/" in response["Location"]


def test_agreement_document(backend, client, as_metro, as_shinjuku):
    organisation = Organisation.objects.create(name="育て上げネット", name_kana="そだてあげねっと", live=True)
    agreement = Agreement.objects.create(number="R6-900", organisation=organisation,
                                         signed_on=datetime.date(2026, 3, 20), valid_from=datetime.date(2026, 4, 1))
    data = unique_pdf("agreement")
    agreement.document.save("kyotei.pdf", ContentFile(data))
    assert_only_in_private_storage(backend, data, agreement.document.name)
    url = reverse("agreement_document", args=[agreement.pk])
    response = as_metro.get(url)
    assert response.status_code == 200 and body(response) == data
    assert refused(as_shinjuku.get(url))
    assert_refused_to_public(client, url)


def test_the_edit_forms_of_rows_with_a_private_file_open_without_linking_to_it(backend, as_metro):
    """Django's file widget asks the file for its URL: private storages answer none, not an error."""
    organisation = Organisation.objects.create(name="エッジの会", name_kana="えっじのかい", live=True)
    agreement = Agreement.objects.create(number="R6-901", organisation=organisation,
                                         signed_on=datetime.date(2026, 3, 20), valid_from=datetime.date(2026, 4, 1))
    agreement.document.save("kyotei.pdf", ContentFile(unique_pdf("edit form")))
    response = as_metro.get(reverse("wagtailsnippets_agreements_agreement:edit", args=[agreement.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "R6-901" in html and agreement.document.name not in html


def test_prospect_file(backend, client, as_metro, as_shinjuku, bunkyo):
    organisation = Organisation.objects.create(name="文京の親の会", name_kana="ぶんきょう", live=True)
    prospect = Prospect.objects.create(organisation=organisation, source=Prospect.Source.REFERRAL,
                                       referred_by=bunkyo)
    data = unique_pdf("prospect")
    item = ProspectFile(prospect=prospect, title="ヒアリング記録")
    item.file.save("hearing.pdf", ContentFile(data), save=True)
    assert_only_in_private_storage(backend, data, item.file.name)
    url = reverse("agreements_prospect_file", args=[item.pk])
    response = as_metro.get(url)
    assert response.status_code == 200 and body(response) == data
    assert refused(as_shinjuku.get(url))
    assert_refused_to_public(client, url)


def test_consultation_attachment(backend, client, group_a, editor_a, as_shinjuku):  # noqa: F811
    data = unique_pdf("consultation")
    consultation = consultations.submit(
        group_a, editor_a, field="legal", topic="規約の見直し", background="会則を改定したい。",
        preferred=[later(7)], format="online",
        files=[SimpleUploadedFile("会則.pdf", data, content_type="application/pdf")])
    attachment = consultation.files.get()
    assert_only_in_private_storage(backend, data, attachment.file.name)
    url = reverse("consultation_file", args=[consultation.pk, attachment.pk])
    response = client_for(editor_a).get(url)
    assert response.status_code == 200 and body(response) == data
    assert refused(as_shinjuku.get(url))
    assert_refused_to_public(client, url)


def test_consent_scan(backend, client, world):  # noqa: F811
    data = unique_pdf("consent")
    consent = consents.record_consent(
        world["coordinator"], world["case"], given_by="family", items=["basics"], recipients=[world["youth"]],
        purpose="家族会への紹介", given_on=datetime.date.today(), method="signed_form",
        scan=SimpleUploadedFile("同意書.pdf", data, content_type="application/pdf"))
    with consent.scan.open("rb") as handle:
        stored = handle.read()
    assert data not in stored  # encrypted at rest
    assert_only_in_private_storage(backend, stored, consent.scan.name)
    assert not any(data in content for content in backend.public_contents())
    url = reverse("consent_scan", args=[world["case"].pk, consent.pk])
    response = client_for(world["coordinator"]).get(url)
    assert response.status_code == 200 and body(response) == data
    downloads = CaseAccessLog.objects.filter(case_id_ref=world["case"].pk, action="download")
    assert downloads.count() == 1
    assert refused(client_for(world["bunkyo_coordinator"]).get(url))
    assert_refused_to_public(client, url)
    assert downloads.count() == 1


def test_members_only_document(backend, client, shinjuku, shinjuku_member, as_bunkyo):
    data = unique_pdf("members")
    document = members_document(shinjuku, "第3回 協議会資料", content=data, filename="shiryo.pdf")
    assert document.file.name.startswith("private/documents/")
    inner = document.file.name.removeprefix("private/")
    assert_only_in_private_storage(backend, data, document.file.name, inner)
    response = client_for(shinjuku_member).get(document.url)
    assert response.status_code == 200 and body(response) == data
    assert "Location" not in response
    assert refused(as_bunkyo.get(document.url))
    assert_refused_to_public(client, document.url)


def test_public_document_and_image_stay_in_public_storage(backend, client, shinjuku):
    from tests.network.councils_helpers import document as make_document

    data = unique_pdf("leaflet")
    leaflet = make_document(shinjuku.collection, "チラシ", content=data, filename="leaflet.pdf")
    assert not leaflet.file.name.startswith("private/")
    assert data in backend.public_contents() and data not in backend.private_contents()
    response = client.get(leaflet.url)
    assert response.status_code == 200 and body(response) == data
    if backend.kind == "s3":
        status, content = fetch_anonymously(leaflet.file.url)
        assert status == 200 and content == data
