"""Members-only council material of 新宿区: its members, its coordinators and the metropolitan
coordinators read it; 文京区's coordinator and members, a partner-group editor and the public
do not, and it never shows up for them in search, listings, the iCal feed or a document URL."""

import pytest
from django.urls import reverse

from tests.shared_world import SECRET_MINUTE, SECRET_TITLE

from ..conftest import client_for
from ..tenants.helpers import refused
from .councils_helpers import council, days_ahead, meeting


@pytest.fixture
def material(shared_world):
    """A council with a public meeting and document and a members-only one, from the world the
    access matrices share (tests/shared_world.py)."""
    return {name: shared_world[name] for name in ("council", "public", "secret", "secret_doc", "public_doc")}


@pytest.fixture
def people(shared_world):
    names = ("shinjuku_coordinator", "shinjuku_member", "metro_coordinator", "bunkyo_coordinator", "partner_editor")
    return {**{name: shared_world[name] for name in names}, "bunkyo_member": shared_world["meeting_bunkyo_member"]}


ALLOWED = ["shinjuku_coordinator", "shinjuku_member", "metro_coordinator"]
REFUSED = ["bunkyo_coordinator", "bunkyo_member", "partner_editor"]


def visitor(people, who):
    from django.test import Client

    return Client() if who == "public" else client_for(people[who])


@pytest.mark.parametrize("who", ALLOWED)
def test_members_and_own_coordinators_read_members_only_minutes(material, people, who):
    response = visitor(people, who).get(material["secret"].url)
    assert response.status_code == 200
    body = response.content.decode()
    assert SECRET_MINUTE in body and "○山田構成員" in body
    assert response["Cache-Control"].find("no-cache") >= 0 or "private" in response["Cache-Control"]


@pytest.mark.parametrize("who", REFUSED)
def test_signed_in_outsiders_are_refused_members_only_minutes(material, people, who):
    response = visitor(people, who).get(material["secret"].url)
    assert response.status_code == 403
    body = response.content.decode()
    assert "構成員" in body  # the refusal says why, in Japanese
    assert SECRET_MINUTE not in body and SECRET_TITLE not in body


def test_the_public_is_sent_to_sign_in(material, people):
    response = visitor(people, "public").get(material["secret"].url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert SECRET_MINUTE not in response.content.decode()


@pytest.mark.parametrize("who", ALLOWED)
def test_members_download_members_only_documents(material, people, who):
    response = visitor(people, who).get(material["secret_doc"].url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF confidential-7431"


@pytest.mark.parametrize("who", REFUSED + ["public"])
def test_outsiders_cannot_download_members_only_documents(material, people, who):
    url = material["secret_doc"].url
    assert url.startswith("/documents/")  # through Wagtail's serve view, never /media/
    response = visitor(people, who).get(url)
    assert response.status_code in (302, 403)
    assert not getattr(response, "streaming", False)
    assert b"confidential-7431" not in response.content


@pytest.mark.parametrize("who", REFUSED + ["public"])
def test_public_material_stays_open_to_everyone(material, people, who):
    client = visitor(people, who)
    response = client.get(material["public"].url)
    assert response.status_code == 200 and "新宿区役所 第1委員会室" in response.content.decode()
    doc = client.get(material["public_doc"].url)
    assert doc.status_code == 200 and b"".join(doc.streaming_content) == b"%PDF public"


@pytest.mark.parametrize("who", REFUSED + ["public"] + ALLOWED)
def test_site_search_never_shows_members_only_minutes(material, people, who):
    client = visitor(people, who)
    body = client.get(reverse("search"), {"q": "連携課題"}).content.decode()
    assert SECRET_TITLE not in body and SECRET_MINUTE not in body
    # the public meeting's agenda is found the same way
    assert "第2回 新宿区ひきこもり支援協議会" in client.get(reverse("search"), {"q": "相談窓口の状況"}).content.decode()


@pytest.mark.parametrize("who", REFUSED + ["public"])
def test_listings_hide_members_only_meetings_from_outsiders(material, people, shinjuku, who):
    client = visitor(people, who)
    for url in (shinjuku.root_page.url, material["council"].get_parent().url, material["council"].url):
        body = client.get(url).content.decode()
        assert "第2回 新宿区ひきこもり支援協議会" in body, url
        assert SECRET_TITLE not in body, url


@pytest.mark.parametrize("who", ALLOWED)
def test_listings_show_members_only_meetings_to_members(material, people, shinjuku, who):
    client = visitor(people, who)
    for url in (shinjuku.root_page.url, material["council"].get_parent().url, material["council"].url):
        body = client.get(url).content.decode()
        assert SECRET_TITLE in body and "構成員限定" in body, url


@pytest.mark.parametrize("who", ALLOWED + ["public"])
def test_ical_feed_carries_public_meetings_only(material, people, who):
    response = visitor(people, who).get(reverse("meetings_ical", args=["shinjuku"]))
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert "第2回 新宿区ひきこもり支援協議会" in body
    assert "構成員限定" not in body and SECRET_TITLE not in body


def test_a_members_only_council_closes_every_meeting_below_it(shinjuku, people):
    closed = council(shinjuku, title="新宿区 支援調整部会", slug="bukai", members_only=True)
    inner = meeting(closed, 1, "第1回 支援調整部会", days_ahead(5))  # not itself marked
    assert visitor(people, "bunkyo_member").get(inner.url).status_code == 403
    assert visitor(people, "shinjuku_member").get(inner.url).status_code == 200
    index_body = visitor(people, "public").get(closed.get_parent().url).content.decode()
    assert "支援調整部会" not in index_body
    ical = visitor(people, "public").get(reverse("meetings_ical", args=["shinjuku"])).content.decode()
    assert "支援調整部会" not in ical


def test_other_coordinators_page_chooser_never_offers_members_only_meetings(material, people):
    client = client_for(people["bunkyo_coordinator"])
    body = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "連携調整会議"}).content.decode()
    assert SECRET_TITLE not in body
    browse = client.get(reverse("wagtailadmin_choose_page_child", args=[material["council"].pk])).json()["html"]
    assert "第2回 新宿区ひきこもり支援協議会" in browse and SECRET_TITLE not in browse
    own = client_for(people["shinjuku_coordinator"]).get(
        reverse("wagtailadmin_choose_page_child", args=[material["council"].pk])).json()["html"]
    assert SECRET_TITLE in own


@pytest.mark.parametrize("who", ["bunkyo_coordinator", "partner_editor"])
def test_outsiders_cannot_open_members_only_material_in_the_admin(material, people, who):
    client = client_for(people[who])
    for view in ("wagtailadmin_pages:edit", "wagtailadmin_pages:history", "wagtailadmin_pages:preview_on_edit"):
        response = client.get(reverse(view, args=[material["secret"].pk]))
        assert refused(response) or response.status_code == 404, view
        assert SECRET_MINUTE not in response.content.decode()
    docs = client.get(reverse("wagtaildocs:index")).content.decode()
    assert "構成員限定資料" not in docs
    assert refused(client.get(reverse("wagtaildocs:edit", args=[material["secret_doc"].pk])))


def test_shinjuku_coordinator_sees_members_only_documents_in_the_admin(material, people):
    body = client_for(people["shinjuku_coordinator"]).get(reverse("wagtaildocs:index")).content.decode()
    assert "構成員限定資料 支援状況一覧" in body


def test_unticking_members_only_and_publishing_opens_the_meeting(material, people):
    page = material["secret"]
    page.members_only = False
    page.documents = []
    page.save_revision().publish()
    response = visitor(people, "public").get(page.url)
    assert response.status_code == 200 and SECRET_MINUTE in response.content.decode()


def test_ticking_members_only_and_publishing_closes_the_meeting(material, people):
    page = material["public"]
    page.members_only = True
    page.documents = []
    page.save_revision().publish()
    assert visitor(people, "bunkyo_member").get(page.url).status_code == 403
    assert visitor(people, "shinjuku_member").get(page.url).status_code == 200
