"""The admin home opens on the day's work (issue 23, Deliver 1): each role sees the counts of
what it has to do, and nothing of another municipality or group; Wagtail's page and image totals
and external avatars are gone."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement, Prospect
from network.models import CaseReview, ConsultationWindow, MeetingPage, PlatformMembership
from tests.conftest import client_for
from tests.shared_world import fresh
from tests.training.conftest import later
from tests.training.events.helpers import make_event
from training.expertbank import services as consultations
from training.models import Application, ConsultationRequest

ITEM = re.compile(r'data-work-item="([^"]+)">\s*<span class="work-list__count">(\d+)</span>')
WINDOWS = "今年度まだ確認されていない相談窓口"
CALLS = "メールのない申込者への電話連絡（7日以内の回）"
EVENTS = "今後のイベント"
MEMBERS = "最近30日のプラットフォーム構成員の加入・脱退"
CASES = "7日以内に次回検討を迎えるケース"
MEETINGS = "審査待ちの会議"


def work(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    body = response.content.decode()
    return {html.unescape(label): int(count) for label, count in ITEM.findall(body)}, body


@pytest.fixture
def world(shared_world):
    return fresh(shared_world)


def phone_applicant(event, session, n, email=""):
    return Application.objects.create(event=event, session=session, status=Application.Status.CONFIRMED,
                                      name=f"電話 花子{n}", phone=f"03-5555-{n:04d}", email=email,
                                      channel=Application.Channel.PHONE)


def test_a_municipal_coordinator_sees_the_work_of_their_municipality_only(world, shinjuku, bunkyo):
    today = timezone.localdate()
    ConsultationWindow.objects.create(municipality=shinjuku, name="新宿区 未確認の窓口")
    ConsultationWindow.objects.create(municipality=shinjuku, name="新宿区 確認済みの窓口", live=True,
                                      last_published_at=timezone.now())
    for n in range(2):
        ConsultationWindow.objects.create(municipality=bunkyo, name=f"文京区の窓口{n}", live=True,
                                          last_published_at=timezone.now() - datetime.timedelta(days=400))
    soon, sessions = make_event(days_ahead=3, title="新宿区 家族向け相談会", municipality=shinjuku)
    phone_applicant(soon, sessions[0], 1)
    phone_applicant(soon, sessions[1], 2, email="mail@example.jp")  # gets the emails: nobody needs to call
    Application.objects.create(event=soon, status=Application.Status.WAITING, name="待機 一郎")
    far, far_sessions = make_event(days_ahead=20, title="新宿区 講演会", municipality=shinjuku)
    phone_applicant(far, far_sessions[0], 3)  # a phone call can wait
    other, other_sessions = make_event(days_ahead=2, title="文京区 相談会", municipality=bunkyo)
    phone_applicant(other, other_sessions[0], 4)
    phone_applicant(other, other_sessions[1], 5)
    PlatformMembership.objects.create(municipality=shinjuku, name="新宿区 新しい構成員", role="department",
                                      joined_on=today - datetime.timedelta(days=3))
    PlatformMembership.objects.filter(name="新宿区保健センター").update(left_on=today + datetime.timedelta(days=10))
    PlatformMembership.objects.create(municipality=bunkyo, name="文京区 新しい構成員", role="agency", joined_on=today)
    CaseReview.objects.filter(pk=world["case"].pk).update(next_review_on=today + datetime.timedelta(days=3))
    secret = MeetingPage.objects.get(pk=world["secret"].pk)
    secret.save_revision(user=world["shinjuku_coordinator"])
    secret.get_workflow().start(secret, world["shinjuku_coordinator"])

    counts, body = work(client_for(world["shinjuku_coordinator"]))
    assert counts[WINDOWS] == 1 and counts[CALLS] == 1 and counts[EVENTS] == 2
    assert counts[MEMBERS] == 2 and counts[CASES] == 1 and counts[MEETINGS] == 1
    assert "新宿区 家族向け相談会: 残り4席、キャンセル待ち1件" in body
    assert "新宿区 新しい構成員" in body and "文京区" not in body
    assert 'class="w-summary"' not in body and "gravatar" not in body

    counts, body = work(client_for(world["bunkyo_coordinator"]))
    assert counts[WINDOWS] == 2 and counts[CALLS] == 2 and counts[EVENTS] == 1
    assert counts[MEMBERS] == 1 and counts[CASES] == 0 and counts[MEETINGS] == 0
    assert "新宿" not in body


def test_the_metropolitan_coordinator_sees_the_pipeline_reviews_requests_and_readiness(world, shinjuku):
    today = timezone.localdate()
    group_a, group_b = world["group_a"], world["group_b"]
    Prospect.objects.create(organisation=group_b, source="research", stage=Prospect.Stage.HEARING,
                            next_step="ヒアリング日程の調整", next_step_on=today - datetime.timedelta(days=2))
    Prospect.objects.create(organisation=group_a, source="research", stage=Prospect.Stage.RESEARCH,
                            next_step_on=today + datetime.timedelta(days=5))
    Agreement.objects.create(number="R8-001", organisation=group_a, signed_on=today - datetime.timedelta(days=300),
                             valid_from=today - datetime.timedelta(days=300),
                             valid_until=today + datetime.timedelta(days=20))
    Agreement.objects.create(number="R8-002", organisation=group_b, signed_on=today, valid_from=today,
                             valid_until=today + datetime.timedelta(days=365))
    group_b.description = "活動日を更新しました"
    group_b.save_revision(user=world["editor_b"])
    group_b.get_workflow().start(group_b, world["editor_b"])
    consultations.submit(group_b, world["editor_b"], field="legal", topic="会計の相談", background="決算の方法",
                         preferred=[later(9)], format="online")
    ConsultationWindow.objects.create(municipality=shinjuku, name="新宿区 公開中の窓口", live=True,
                                      last_published_at=timezone.now())
    tokyo_event, tokyo_sessions = make_event(days_ahead=4, title="平日個別相談会 第9回")
    phone_applicant(tokyo_event, tokyo_sessions[0], 1)
    ward_event, ward_sessions = make_event(days_ahead=4, title="新宿区 相談会", municipality=shinjuku)
    phone_applicant(ward_event, ward_sessions[0], 2)

    counts, body = work(client_for(world["metro_coordinator"]))
    assert counts["期限を過ぎた開拓の次の対応"] == 1 and counts["60日以内に期間満了となる協定"] == 1
    assert counts["審査待ちのプロフィール変更"] == 1 and counts["専門家が未割当の相談依頼"] == 1
    assert counts["審査待ちの会議"] == 0
    assert "こもれび家族会" in body and "公開中の相談窓口がある区市町村: 1 / 62" in body
    assert counts["ネットワークの区市町村"] == 62
    assert WINDOWS not in counts and MEMBERS not in counts  # a municipality's own list, not Tokyo's
    assert counts[EVENTS] == 1 and counts[CALLS] == 1  # the Support Net's own events only
    assert "平日個別相談会 第9回" in body and "新宿区 相談会" not in body

    for name in ("shinjuku_coordinator", "editor_a", "lawyer"):
        counts, _ = work(client_for(world[name] if name != "lawyer" else world["lawyer"].user))
        assert "期限を過ぎた開拓の次の対応" not in counts and "専門家が未割当の相談依頼" not in counts


def test_a_partner_editor_sees_their_own_groups_profile_bookings_and_requests(world):
    group_a = world["group_a"]
    meeting, sessions = make_event(days_ahead=10, title="連携団体交流会", kind="exchange_meeting")
    Application.objects.create(event=meeting, session=sessions[0], status=Application.Status.CONFIRMED,
                               organisation=group_a, seats=2, channel=Application.Channel.PARTNER)

    counts, body = work(client_for(world["editor_a"]))
    assert counts["今年度の確認が必要なプロフィール"] == 1
    assert counts["団体の今後のイベント申込"] == 1 and counts["進行中の専門家相談"] == 1
    assert "ひだまりの会" in body and "こもれび家族会" not in body

    group_a.confirmed_at = timezone.now()
    group_a.save(update_fields=["confirmed_at"])
    counts, _ = work(client_for(world["editor_b"]))
    assert counts["団体の今後のイベント申込"] == 0 and counts["進行中の専門家相談"] == 0
    counts, _ = work(client_for(world["editor_a"]))
    assert counts["今年度の確認が必要なプロフィール"] == 0


def test_a_professional_sees_requests_to_answer_and_consultations_ahead(world):
    lawyer, other = world["lawyer"].user, world["other_lawyer"].user
    counts, _ = work(client_for(lawyer))
    assert counts["回答が必要な相談依頼"] == 1 and counts["予定されている相談"] == 0
    assert work(client_for(other))[0]["回答が必要な相談依頼"] == 0

    ConsultationRequest.objects.filter(pk=world["assigned"].pk).update(
        state=ConsultationRequest.State.ACCEPTED, agreed_at=later(5))
    counts, body = work(client_for(lawyer))
    assert counts["回答が必要な相談依頼"] == 0 and counts["予定されている相談"] == 1
    assert "ひだまりの会" in body
    counts, body = work(client_for(other))
    assert counts["予定されている相談"] == 0 and "ひだまりの会" not in body


def test_a_platform_member_has_no_work_list_and_the_public_is_sent_to_sign_in(world, client):
    assert work(client_for(world["shinjuku_member"]))[0] == {}
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_admin_carries_tsunagus_mark_not_wagtails(world, client):
    sign_in_page = client.get(reverse("wagtailadmin_login")).content.decode()
    assert 'aria-label="つなぐ"' in sign_in_page and 'aria-label="Wagtail"' not in sign_in_page
    home = client_for(world["editor_a"]).get(reverse("wagtailadmin_home")).content.decode()
    logo = re.search(r"<template data-wagtail-sidebar-branding-logo>(.*?)</template>", home, re.S).group(1)
    assert "<svg" in logo and "icon-wagtail" in logo
