"""Tokyo-wide councils (issue 23, Deliver 5): the Support Net's own promotion meetings (推進会議,
like seed 004's minutes) and liaison meetings publish like municipal councils, in Tokyo's space
under the portal home; municipal coordinators cannot add or change them; Tokyo material cannot
be members-only (there is no members group to restrict it to, so it would be public)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from network.models import CouncilIndexPage, CouncilPage, MeetingPage

from ..tenants.helpers import refused
from .councils_helpers import days_ahead, meeting, publish

TOKYO_PUBLIC = "サポートネットの会議体と会議は公開のみです"


def home():
    return Site.objects.get(is_default_site=True).root_page


def add_url(parent, model):
    return reverse("wagtailadmin_pages:add", args=["network", model, parent.pk])


def council_form(action="action-publish"):
    return nested_form_data({"title": "ひきこもりに係る支援推進会議", "slug": "suishin-kaigi", "kind": "promotion",
                             "purpose": "都と区市町村が支援の取組を共有する。", "cadence": "年2回",
                             "other_members": "区市町村 ひきこもり支援主管部長", action: "1"})


def meeting_form(members_only=False):
    starts = days_ahead(30, hour=13, minute=30)
    data = nested_form_data({
        "title": "第3回 ひきこもりに係る支援推進会議", "slug": "dai3kai", "number": 3,
        "starts_at": f"{starts:%Y/%m/%d} 13:30", "ends_at": f"{starts:%Y/%m/%d} 15:00",
        "place": "ウェブ会議", "online": "on", "online_url": "", "agenda": "相談窓口一覧について",
        "attendees": "区市町村 ひきこもり支援主管部長",
        "minutes": streamfield([("statement", {"speaker_role": "生活支援担当課長", "speaker_name": "小澤",
                                                "text": "第3回の推進会議を開会します。"})]),
        "documents": streamfield([]), "action-publish": "1"})
    if members_only:
        data["members_only"] = "on"
    return data


@pytest.fixture
def tokyo_council(db, tokyo):
    index = publish(home().add_child(instance=CouncilIndexPage(title="東京都の会議", slug="kaigi", live=False)))
    body = publish(index.add_child(instance=CouncilPage(title="区市町村ひきこもり支援担当者連絡会", slug="renrakukai",
                                                        kind="liaison", live=False)))
    return index, body


def test_the_metropolitan_coordinator_publishes_a_promotion_meeting_in_tokyos_space(as_metro, client, tokyo):
    response = as_metro.post(reverse("wagtailadmin_pages:add", args=["network", "councilindexpage", home().pk]),
                             nested_form_data({"title": "東京都の会議", "slug": "kaigi", "intro": "推進会議と連絡会",
                                               "action-publish": "1"}))
    assert response.status_code == 302
    index = CouncilIndexPage.objects.get(slug="kaigi", depth=home().depth + 1)
    assert index.live and index.municipality is None
    assert as_metro.post(add_url(index, "councilpage"), council_form()).status_code == 302
    council = CouncilPage.objects.get(slug="suishin-kaigi")
    assert council.live  # the approvers publish directly
    assert as_metro.post(add_url(council, "meetingpage"), meeting_form()).status_code == 302
    assert MeetingPage.objects.get(slug="dai3kai").live

    listing = client.get("/kaigi/").content.decode()
    assert "ひきこもりに係る支援推進会議" in listing and "推進会議" in listing
    assert "第3回 ひきこもりに係る支援推進会議" in listing  # upcoming
    assert reverse("tokyo_meetings_ical") in listing
    minutes = client.get("/kaigi/suishin-kaigi/dai3kai/").content.decode()
    assert "第3回の推進会議を開会します。" in minutes and "小澤" in minutes
    assert 'href="/kaigi/"' in client.get("/").content.decode()  # the portal home leads there

    feed = client.get(reverse("tokyo_meetings_ical"))
    calendar = Calendar.from_ical(feed.content)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["第3回 ひきこもりに係る支援推進会議"]
    assert "つなぐ 東京都 会議" in feed.content.decode()
    shinjuku_feed = client.get(reverse("meetings_ical", args=["shinjuku"])).content.decode()
    assert "推進会議" not in shinjuku_feed


def test_municipal_coordinators_cannot_add_or_change_tokyos_councils(as_shinjuku, tokyo_council):
    index, body = tokyo_council
    assert refused(as_shinjuku.post(add_url(index, "councilpage"), council_form(action="action-submit")))
    assert refused(as_shinjuku.get(reverse("wagtailadmin_pages:edit", args=[body.pk])))
    assert refused(as_shinjuku.post(add_url(body, "meetingpage"), meeting_form()))
    assert not CouncilPage.objects.filter(slug="suishin-kaigi").exists()
    assert not MeetingPage.objects.filter(slug="dai3kai").exists()


def test_tokyo_material_cannot_be_members_only(as_metro, client, tokyo_council):
    index, body = tokyo_council
    response = as_metro.post(add_url(body, "meetingpage"), meeting_form(members_only=True))
    assert response.status_code == 200 and TOKYO_PUBLIC in response.content.decode()
    assert not MeetingPage.objects.filter(slug="dai3kai").exists()

    page = meeting(body, 4, "第4回 連絡会", days_ahead(20))
    page.members_only = True
    with pytest.raises(ValidationError) as refusal:
        page.save()
    assert "members_only" in refusal.value.message_dict
    page.refresh_from_db()
    assert not page.members_only and client.get(page.url).status_code == 200
