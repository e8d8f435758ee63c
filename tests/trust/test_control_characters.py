"""A NUL or another control character in an address or a form gets the Japanese 400 page on both
databases (never a 500, never a stored row, never an email); Django's own refusals (20,000 fields,
a foreign Host) get the same Japanese page instead of "Bad Request (400)"."""

import pytest
from django.core import mail
from django.urls import reverse

from cms.models import NewsIndexPage, NewsPage
from tests.conftest import client_for
from tests.training.events.helpers import make_event, person
from training.models import Application, ConsultationRequest

from .hostile_input import CONTROLS, ENCODED, HARMLESS

PUBLIC_FILTERS = ["/search/?q=", "/events/?municipality=", "/events/ical/?municipality=",
                  "/events/csv/?municipality=", "/windows/?q=", "/windows/csv/?method=", "/directory/?q="]


def japanese_refusal(response):
    body = response.content.decode()
    return (response.status_code == 400 and "受け付けられませんでした" in body and "Bad Request" not in body
            and 'href="/"' in body)


@pytest.mark.parametrize("url", PUBLIC_FILTERS)
@pytest.mark.parametrize("control", ["NUL", "BEL", "ESC", "C1 NEL"])
def test_a_control_character_in_a_public_filter_gets_the_japanese_400(client, db, url, control):
    response = client.get(f"{url}新宿{ENCODED[control]}")
    assert japanese_refusal(response) and "「新宿□」" in response.content.decode()


def test_a_control_character_in_the_address_itself_or_a_parameter_name_is_refused(client, db):
    assert japanese_refusal(client.get("/events/%00/"))
    assert japanese_refusal(client.get("/search/?q%00=a"))


@pytest.mark.parametrize("url", PUBLIC_FILTERS)
def test_the_same_filters_still_answer_ordinary_japanese(client, db, url):
    assert client.get(f"{url}新宿%E3%80%80区").status_code == 200


@pytest.fixture
def event(db):
    from tenants.models import Municipality

    event, sessions = make_event(seats=5)
    return event, {**person(1), "residence": Municipality.objects.first().pk, "mode": "in_person",
                   "preference_1": sessions[0].pk}


@pytest.mark.parametrize("control", ["NUL", "BEL", "ESC", "DEL", "C1 NEL"])
def test_an_application_with_a_control_character_in_the_name_writes_nothing(
        client, event, control, django_capture_on_commit_callbacks):
    event, data = event
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("event_detail", args=[event.pk]),
                               {**data, "name": f"山田{CONTROLS[control]}花子"})
    assert japanese_refusal(response)
    body = response.content.decode()
    assert "「山田□花子」" in body and "何も保存されていません" in body
    assert not Application.objects.exists() and not mail.outbox


def test_tabs_and_line_breaks_stay_allowed_in_a_consultation_request(partner_editor):
    from network.profiles.services import grant_editor
    from tests.network.profiles_helpers import make_organisation

    organisation = make_organisation("ひだまりの会", "ひだまりのかい")
    grant_editor(organisation, partner_editor)
    client = client_for(partner_editor)
    data = {"organisation": organisation.pk, "field": "legal", "topic": "規約の確認",
            "preferred_1": "2030-01-10T10:00", "format": "online"}
    refused = client.post(reverse("consultation_new"), {**data, "background": f"会則{CONTROLS['BEL']}"})
    assert japanese_refusal(refused) and "「会則□」" in refused.content.decode()
    assert not ConsultationRequest.objects.exists()
    assert client.post(reverse("consultation_new"), {**data, "background": HARMLESS}).status_code == 302
    assert ConsultationRequest.objects.get().background.replace("\r\n", "\n") == HARMLESS.replace("\r\n", "\n")


@pytest.fixture
def news(shinjuku):
    index = shinjuku.root_page.add_child(instance=NewsIndexPage(title="お知らせ", slug="news"))
    return index.add_child(instance=NewsPage(title="新宿区の講演会", slug="lecture", category="municipality",
                                             date="2026-11-02", intro="概要"))


def news_form(item, title, paragraph):
    contentstate = ('{"blocks":[{"key":"a1b2c","type":"unstyled","depth":0,"text":%s,'
                    '"inlineStyleRanges":[],"entityRanges":[],"data":{}}],"entityMap":{}}')
    import json
    return {"title": title, "slug": item.slug, "date": "2026/11/02", "category": "municipality",
            "intro": "概要\r\n二行目", "body-count": "1", "body-0-type": "paragraph", "body-0-deleted": "",
            "body-0-order": "0", "body-0-id": "", "body-0-value": contentstate % json.dumps(paragraph),
            "action-publish": "1"}


def test_the_page_editor_refuses_an_escape_sequence_and_still_saves_ordinary_rich_text(as_shinjuku, news):
    url = reverse("wagtailadmin_pages:edit", args=[news.pk])
    response = as_shinjuku.post(url, news_form(news, "\x1b[31m講演会", "本文"))
    assert japanese_refusal(response) and "「□[31m講演会」" in response.content.decode()
    news.refresh_from_db()
    assert news.title == "新宿区の講演会"
    response = as_shinjuku.post(url, news_form(news, "新宿区の講演会（改）", "一行目\n二行目\tタブ"))
    assert response.status_code == 302
    news.refresh_from_db()
    assert news.title == "新宿区の講演会（改）" and "二行目" in str(news.specific.body)


def test_a_nul_in_a_document_title_is_refused_before_the_upload_is_saved(as_shinjuku, shinjuku):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model

    response = as_shinjuku.post(reverse("wagtaildocs:add"), {
        "title": "会議\x00資料", "collection": shinjuku.collection_id,
        "file": SimpleUploadedFile("会議資料.pdf", b"%PDF-1.4\n%%EOF\n")})
    assert japanese_refusal(response)
    assert not get_document_model().objects.exists()


def test_a_password_with_a_control_character_is_refused_without_being_echoed(client, db):
    response = client.post(reverse("wagtailadmin_login"), {"username": "metro", "password": "秘密\x07のことば"})
    body = response.content.decode()
    assert japanese_refusal(response) and "パスワード" in body and "秘密" not in body


def test_twenty_thousand_fields_get_the_japanese_400_not_a_500(client, event):
    event, data = event
    flood = {f"f{n}": "x" for n in range(20_000)}
    response = client.post(reverse("event_detail", args=[event.pk]), {**data, **flood})
    assert japanese_refusal(response) and "項目" in response.content.decode()
    assert not Application.objects.exists()
    response = client.get("/search/?" + "&".join(f"f{n}=x" for n in range(20_000)))
    assert japanese_refusal(response)


def test_a_foreign_host_gets_the_japanese_400(client, db, settings):
    settings.ALLOWED_HOSTS = ["tsunagu.example.jp"]
    response = client.get("/events/", HTTP_HOST="evil.example")
    assert japanese_refusal(response) and "アドレス" in response.content.decode()
    assert client.get("/events/", HTTP_HOST="tsunagu.example.jp").status_code == 200


def test_too_large_a_body_gets_the_japanese_400(client, event, settings):
    event, data = event
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    response = client.post(reverse("event_detail", args=[event.pk]), {**data, "name": "山" * 2000})
    assert japanese_refusal(response) and "大きすぎる" in response.content.decode()
    assert not Application.objects.exists()
