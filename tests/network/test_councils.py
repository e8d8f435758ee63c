"""Councils and meetings as pages: a municipal coordinator writes them in their own space and
submits them; the metropolitan coordinators approve, which publishes; the public reads the
minutes, the upcoming meetings and the iCal feed."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page, Workflow, WorkflowPage
from wagtail.test.utils.form_data import nested_form_data, streamfield

from network.models import CouncilIndexPage, CouncilPage, MeetingPage, PlatformMembership
from network.councils.services import COUNCIL_WORKFLOW_NAME

from ..tenants.helpers import refused
from .councils_helpers import JST, council, council_index, days_ahead, document, meeting, members_document


def meeting_form(title="第4回 新宿区ひきこもり支援協議会", number=4, members_only=False, documents=(),
                 action="action-submit", **extra):
    data = nested_form_data({
        "title": title, "slug": f"dai{number}kai", "number": number,
        "starts_at": "2026/12/10 14:00", "ends_at": "2026/12/10 16:00",
        "place": "新宿区役所本庁舎 6階 第3委員会室", "online": "", "online_url": "",
        "agenda": "相談窓口の状況\n居場所の開設について", "attendees": "新宿区社会福祉協議会\n新宿区保健所",
        "minutes": streamfield([
            ("note", "（午後２時 開会）"),
            ("statement", {"speaker_role": "福祉部長", "speaker_name": "佐藤", "text": "ただいまから開会します。"}),
        ]),
        "documents": streamfield([("document", {"label": label, "document": doc.pk}) for label, doc in documents]),
        **extra,
    })
    if members_only:
        data["members_only"] = "on"
    data[action] = "1"
    return data


def add_url(parent, model="meetingpage"):
    return reverse("wagtailadmin_pages:add", args=["network", model, parent.pk])


@pytest.fixture
def body(shinjuku):
    return council(shinjuku)


def test_bootstrap_sets_up_the_review_workflow_once(shinjuku):
    from cms.bootstrap import bootstrap_tokyo

    index = council_index(shinjuku)
    bootstrap_tokyo()
    workflow = Workflow.objects.get(name=COUNCIL_WORKFLOW_NAME)
    assert Workflow.objects.filter(name=COUNCIL_WORKFLOW_NAME).count() == 1
    assert WorkflowPage.objects.get(page=index).workflow == workflow
    assert [t.name for t in workflow.tasks.all()] == ["都コーディネーターによる会議録の確認"]
    assert list(workflow.tasks.get().specific.groups.values_list("name", flat=True)) == ["都コーディネーター"]


def test_every_municipality_has_a_members_only_collection_for_its_members(tokyo):
    from tenants.provisioning import members_collection

    shinjuku, bunkyo = tokyo["shinjuku"], tokyo["bunkyo"]
    collection = members_collection(shinjuku)
    assert collection.name == "新宿区 構成員限定"
    assert collection.get_parent() == shinjuku.collection
    restriction = collection.view_restrictions.get()
    names = set(restriction.groups.values_list("name", flat=True))
    assert names == {"新宿区 プラットフォーム構成員", "新宿区 コーディネーター", "都コーディネーター"}
    assert members_collection(bunkyo) != collection


def test_coordinator_creates_a_council_page_in_their_space(as_shinjuku, shinjuku):
    index = council_index(shinjuku)
    response = as_shinjuku.get(add_url(index, "councilpage"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="action-publish"' not in body and 'name="action-submit"' in body
    response = as_shinjuku.post(add_url(index, "councilpage"), nested_form_data({
        "title": "新宿区ひきこもり支援ネットワーク会議", "slug": "network", "kind": "network",
        "purpose": "庁内外の関係機関が情報を共有する。", "cadence": "年3回", "other_members": "",
        "action-submit": "1",
    }))
    assert response.status_code == 302
    page = CouncilPage.objects.get(slug="network")
    assert page.get_parent().pk == index.pk and not page.live
    assert page.current_workflow_state.status == "in_progress"


def test_member_choices_are_the_municipalitys_own_platform_members(as_shinjuku, shinjuku, bunkyo):
    PlatformMembership.objects.create(municipality=shinjuku, name="新宿区保健予防課", role="department")
    PlatformMembership.objects.create(municipality=bunkyo, name="文京区障害福祉課", role="department")
    body = as_shinjuku.get(add_url(council_index(shinjuku), "councilpage")).content.decode()
    assert "新宿区保健予防課" in body and "文京区障害福祉課" not in body


def test_another_municipalitys_coordinator_cannot_add_meetings(as_bunkyo, body):
    response = as_bunkyo.get(add_url(body))
    assert refused(response)
    response = as_bunkyo.post(add_url(body), meeting_form())
    assert refused(response)
    assert not MeetingPage.objects.filter(slug="dai4kai").exists()


def test_submitted_meeting_is_published_when_the_metro_coordinator_approves(as_shinjuku, as_metro, body):
    response = as_shinjuku.post(add_url(body), meeting_form())
    assert response.status_code == 302
    page = MeetingPage.objects.get(slug="dai4kai")
    assert not page.live
    assert as_metro.get("/shinjuku/kaigi/kyogikai/dai4kai/").status_code == 404

    dashboard = as_metro.get(reverse("wagtailadmin_home")).content.decode()
    assert "第4回 新宿区ひきこもり支援協議会" in dashboard  # awaiting their review
    task_state = page.current_workflow_state.current_task_state
    response = as_metro.post(reverse("wagtailadmin_pages:workflow_action",
                                     args=[page.pk, "approve", task_state.pk]), {"comment": ""})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    public = as_shinjuku.get(page.url).content.decode()
    assert "第4回" in public and "佐藤福祉部長" in public


def test_coordinator_cannot_publish_council_material_directly(as_shinjuku, body):
    response = as_shinjuku.post(add_url(body), meeting_form(action="action-publish"))
    assert response.status_code == 302
    page = MeetingPage.objects.get(slug="dai4kai")
    assert not page.live and page.live_revision is None


def test_coordinator_cannot_bypass_the_review_when_editing_a_live_meeting(as_shinjuku, body):
    page = meeting(body, 1, "第1回 新宿区ひきこもり支援協議会", days_ahead(30))
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = as_shinjuku.get(edit).content.decode()
    assert 'name="action-publish"' not in form and 'name="action-submit"' in form
    as_shinjuku.post(edit, meeting_form(title="第1回 書き換え", number=1, action="action-publish"))
    page.refresh_from_db()
    assert page.title == "第1回 新宿区ひきこもり支援協議会"
    assert "書き換え" not in as_shinjuku.get(page.url).content.decode()


def test_bulk_publish_in_the_explorer_does_not_bypass_the_review(as_shinjuku, as_metro, body):
    page = meeting(body, 5, "第5回 未公開の回", days_ahead(40), publish_it=False)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"
    as_shinjuku.post(url, {})
    page.refresh_from_db()
    assert not page.live
    as_metro.post(url, {})  # the same request from an approver does publish
    page.refresh_from_db()
    assert page.live


def test_metro_coordinator_may_publish_directly(as_metro, body):
    response = as_metro.post(add_url(body), meeting_form(action="action-publish"))
    assert response.status_code == 302
    assert MeetingPage.objects.get(slug="dai4kai").live


def test_members_only_meeting_refuses_public_documents(as_shinjuku, shinjuku, body):
    public_doc = document(shinjuku.collection, "協議会の概要")
    response = as_shinjuku.post(add_url(body), meeting_form(members_only=True, documents=[("資料１", public_doc)]))
    assert response.status_code == 200
    assert "構成員限定" in response.content.decode()
    assert not MeetingPage.objects.filter(slug="dai4kai").exists()
    secret = members_document(shinjuku, "支援状況一覧")
    response = as_shinjuku.post(add_url(body), meeting_form(members_only=True, documents=[("資料１", secret)]))
    assert response.status_code == 302
    page = MeetingPage.objects.get(slug="dai4kai")
    assert page.members_only and page.get_view_restrictions().count() == 1


def test_minutes_render_speakers_and_statements(client, body):
    page = meeting(body, 2, "第2回 新宿区ひきこもり支援協議会", days_ahead(-30),
                   agenda="区市町村におけるひきこもり相談窓口一覧について\n意見交換",
                   attendees="新宿区社会福祉協議会 地域福祉課長\n新宿区保健所 保健予防課長",
                   minutes=[
                       ("note", "（午後１時３０分 開会）"),
                       ("heading", "議題（１）相談窓口一覧について"),
                       ("statement", {"speaker_role": "生活支援担当課長", "speaker_name": "小澤",
                                      "text": "定刻になりましたので、ただいまから開会いたします。"}),
                   ])
    body_html = client.get(page.url).content.decode()
    assert "○小澤生活支援担当課長" in body_html
    assert "定刻になりましたので、ただいまから開会いたします。" in body_html
    assert "議題（１）相談窓口一覧について" in body_html and "（午後１時３０分 開会）" in body_html
    assert "第2回" in body_html and "意見交換" in body_html and "新宿区保健所 保健予防課長" in body_html


def test_meeting_shows_date_in_japanese(client, body):
    starts = datetime.datetime(2026, 12, 10, 14, 0, tzinfo=JST)
    page = meeting(body, 6, "第6回 新宿区ひきこもり支援協議会", starts, online=True)
    html = client.get(page.url).content.decode()
    assert "2026年12月10日（木） 14:00" in html and "オンライン" in html


def test_council_page_lists_upcoming_and_past_meetings(client, body):
    meeting(body, 1, "第1回 過去の協議会", days_ahead(-60))
    meeting(body, 2, "第2回 これからの協議会", days_ahead(14))
    meeting(body, 3, "第3回 下書きの協議会", days_ahead(28), publish_it=False)
    html = client.get(body.url).content.decode()
    upcoming, past = html.split("今後の会議")[1].split("過去の会議と議事録")
    assert "第2回 これからの協議会" in upcoming and "第1回 過去の協議会" in past
    assert "下書き" not in html


def test_municipality_page_lists_upcoming_public_meetings(client, shinjuku, bunkyo, body):
    meeting(body, 2, "第2回 新宿区ひきこもり支援協議会", days_ahead(7))
    meeting(council(bunkyo, slug="bunkyo-kyogikai"), 1, "第1回 文京区の協議会", days_ahead(7))
    html = client.get(shinjuku.root_page.url).content.decode()
    assert "第2回 新宿区ひきこもり支援協議会" in html and "文京区の協議会" not in html
    assert reverse("meetings_ical", args=["shinjuku"]) in html


def test_ical_feed_gives_each_meeting_in_japan_time(client, shinjuku, bunkyo, body):
    starts = days_ahead(21, hour=14, minute=30)
    meeting(body, 7, "第7回 新宿区ひきこもり支援協議会", starts, place="新宿区役所")
    meeting(council(bunkyo, slug="bunkyo-kyogikai"), 1, "第1回 文京区の協議会", days_ahead(7))
    response = client.get(reverse("meetings_ical", args=["shinjuku"]))
    text = response.content.decode().replace("\r\n ", "")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f"DTSTART;TZID=Asia/Tokyo:{starts:%Y%m%d}T143000" in text
    assert f"DTEND;TZID=Asia/Tokyo:{starts:%Y%m%d}T163000" in text
    assert "SUMMARY:第7回 新宿区ひきこもり支援協議会" in text and "LOCATION:新宿区役所" in text
    assert "文京区" not in text
    assert "BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo" in response.content.decode()  # clients need not guess the zone
    assert client.get(reverse("meetings_ical", args=["no-such-city"])).status_code == 404


def test_council_index_is_offered_once_per_municipality(as_shinjuku, shinjuku):
    council_index(shinjuku)
    response = as_shinjuku.get(add_url(shinjuku.root_page, "councilindexpage"))
    assert refused(response) or response.status_code == 403
    assert CouncilIndexPage.objects.child_of(shinjuku.root_page).count() == 1


def test_coordinator_creates_the_council_index_and_it_gets_the_workflow(as_shinjuku, shinjuku):
    response = as_shinjuku.post(add_url(shinjuku.root_page, "councilindexpage"), {
        "title": "会議・協議会", "slug": "kaigi", "intro": "", "action-publish": "1"})
    assert response.status_code == 302
    index = CouncilIndexPage.objects.child_of(shinjuku.root_page).get()
    assert index.live
    assert WorkflowPage.objects.get(page=index).workflow.name == COUNCIL_WORKFLOW_NAME
    assert Page.objects.get(pk=index.pk).has_workflow


def test_demo_councils_load_once_and_keep_the_liaison_meeting_for_members(client, shinjuku, shinjuku_coordinator,
                                                                          shinjuku_member):
    from network.demo import load_demo_councils

    from ..conftest import client_for

    assert load_demo_councils(shinjuku_coordinator) == load_demo_councils(shinjuku_coordinator) == 4
    index = CouncilIndexPage.objects.child_of(shinjuku.root_page).get()
    public = client.get(index.url).content.decode()
    assert "第2回 新宿区ひきこもり支援ネットワーク会議" in public and "従事者連絡会" not in public
    minutes = client.get(MeetingPage.objects.get(slug="dai1kai", number=1).url).content.decode()
    assert "○佐藤生活福祉課長" in minutes
    liaison = MeetingPage.objects.get(slug="dai5kai")
    assert client_for(shinjuku_member).get(liaison.url).status_code == 200
    assert client.get(liaison.url).status_code == 302
    pending = MeetingPage.objects.get(slug="dai3kai")
    assert not pending.live and pending.current_workflow_state.status == "in_progress"


def test_a_workflow_reassigned_to_the_municipalitys_coordinators_lets_them_approve(
        as_shinjuku, as_bunkyo, shinjuku, body, make_user):
    """Metropolitan coordinators may hand the review to a municipality (admin → Workflows):
    its coordinators then approve, which publishes, and still only in their own space."""
    from ..conftest import client_for
    from tenants.roles import Role

    task = Workflow.objects.get(name=COUNCIL_WORKFLOW_NAME).tasks.get().specific
    task.groups.add(shinjuku.coordinators_group)
    as_shinjuku.post(add_url(body), meeting_form())
    page = MeetingPage.objects.get(slug="dai4kai")
    task_state = page.current_workflow_state.current_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    assert refused(as_bunkyo.post(approve, {"comment": ""}))
    page.refresh_from_db()
    assert not page.live
    colleague = client_for(make_user("shinjuku-coord-2", Role.MUNICIPAL_COORDINATOR, shinjuku))
    colleague.post(approve, {"comment": ""})
    page.refresh_from_db()
    assert page.live
