"""The anonymous page cache as the owners of what a page shows change it through their own
screens: a partner group's profile (its editor submits, the Support Net approves), a
municipality's platform members (its coordinator), a partner agreement (the metropolitan
coordinators sign and terminate it). Each cached public page shows the change on the next
request; a role that is refused changes nothing a visitor sees."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from network.models import PlatformMembership
from network.profiles.services import grant_editor
from tests.conftest import client_for
from tests.network.profiles_helpers import form_data, make_organisation, url
from tests.tenants.helpers import refused

from .page_cache_helpers import anonymous_body, cached, page_cache  # noqa: F401 (fixture)

DIRECTORY = "/directory/"
BADGE = '<span class="badge">都の連携団体</span>'


@pytest.fixture
def group(shinjuku):
    organisation = make_organisation("ひだまりの会", "ひだまりのかい", description="毎月第2土曜に定例会を開いています。",
                                     base_municipality=shinjuku)
    PlatformMembership.objects.create(municipality=shinjuku, organisation=organisation, role="family",
                                      listed_publicly=True)
    return organisation


@pytest.fixture
def other_group(db):
    return make_organisation("こもれび家族会", "こもれびかぞくかい", description="家族同士で話せる場です。")


def editor_of(make_user, organisation, username):
    user = make_user(username)
    grant_editor(organisation, user)
    return client_for(user)


def organisation_page(organisation):
    return reverse("organisation_detail", args=[organisation.pk])


def test_an_approved_profile_change_shows_on_every_cached_page_showing_the_group(client, page_cache, make_user,
                                                                                  as_metro, group, shinjuku):
    pages = [DIRECTORY, organisation_page(group), shinjuku.root_page.url]
    for path in pages:
        assert "ひだまりの会" in cached(client, path).content.decode(), path
    editor = editor_of(make_user, group, "editor-a")
    response = editor.post(url("edit", group.pk), form_data(group, name="ひだまりの会 新宿", description="会場を駅前に移しました。",
                                                            **{"action-submit": "1"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    # Submitted for review only: the public still sees the published profile.
    assert "会場を駅前に移しました。" not in client.get(organisation_page(group)).content.decode()

    group.refresh_from_db()
    task_state = group.current_workflow_state.current_task_state
    assert as_metro.post(url("workflow_action", group.pk, "approve", task_state.pk), {"comment": ""}).status_code == 302
    for path in pages:
        after = client.get(path)
        assert after["X-Page-Cache"] == "miss", path
        assert "ひだまりの会 新宿" in after.content.decode(), path
    assert "会場を駅前に移しました。" in client.get(organisation_page(group)).content.decode()


def test_another_groups_editor_changes_nothing_a_visitor_sees(client, page_cache, make_user, group, other_group):
    before = {path: cached(client, path).content for path in (DIRECTORY, organisation_page(group))}
    intruder = editor_of(make_user, other_group, "editor-b")
    for action in ("action-submit", "action-publish"):
        response = intruder.post(url("edit", group.pk), form_data(group, name="乗っ取られた会", **{action: "1"}))
        assert refused(response), response.status_code
    for path, body in before.items():
        after = client.get(path)
        assert after["X-Page-Cache"] == "hit" and after.content == body, path
    assert "乗っ取られた会" not in anonymous_body(DIRECTORY)[1]


def membership_data(municipality, **overrides):
    data = {"municipality": municipality.pk, "organisation": "", "name": "新宿区保健所", "role": "agency",
            "contact_person": "保健 花子", "contact_email": "hoken@example.jp", "joined_on": "2026/04/01",
            "left_on": "", "listed_publicly": "on"}
    data.update(overrides)
    return data


def test_coordinator_adding_and_unlisting_a_member_shows_on_the_cached_municipality_page(client, page_cache,
                                                                                         as_shinjuku, shinjuku):
    page = shinjuku.root_page.url
    assert "新宿区保健所" not in cached(client, page).content.decode()
    add = reverse("platform_members:add")
    assert as_shinjuku.post(add, membership_data(shinjuku)).status_code == 302
    after = client.get(page)
    assert after["X-Page-Cache"] == "miss"
    assert "新宿区保健所" in after.content.decode() and "保健 花子" not in after.content.decode()

    member = PlatformMembership.objects.get(name="新宿区保健所")
    cached(client, page)
    edit = reverse("platform_members:edit", args=[member.pk])
    unlisted = membership_data(shinjuku)
    del unlisted["listed_publicly"]
    assert as_shinjuku.post(edit, unlisted).status_code == 302
    assert "新宿区保健所" not in client.get(page).content.decode()


def test_another_municipalitys_coordinator_changes_no_member_list(client, page_cache, as_bunkyo, shinjuku, group):
    page = shinjuku.root_page.url
    before = cached(client, page).content
    assert "ひだまりの会" in before.decode()
    response = as_bunkyo.post(reverse("platform_members:add"), membership_data(shinjuku, name="越境の団体"))
    assert response.status_code == 200  # the form refuses another municipality
    membership = PlatformMembership.objects.get(organisation=group)
    assert refused(as_bunkyo.post(reverse("platform_members:delete", args=[membership.pk])))
    after = client.get(page)
    assert after["X-Page-Cache"] == "hit" and after.content == before
    assert not PlatformMembership.objects.filter(name="越境の団体").exists()


def agreement_data(organisation, number="R8-101"):
    today = timezone.localdate()
    return {"number": number, "organisation": organisation.pk, "signed_on": today.strftime("%Y/%m/%d"),
            "valid_from": today.strftime("%Y/%m/%d"), "valid_until": "", "commitments": "連携協定の内容",
            "note": ""}


def test_an_agreement_signed_then_terminated_moves_the_badge_on_the_cached_pages(client, page_cache, as_metro,
                                                                                group):
    from agreements.models import Agreement

    pages = [DIRECTORY, organisation_page(group), f"{DIRECTORY}?partner=on"]
    for path in pages:
        assert BADGE not in cached(client, path).content.decode(), path
    add = reverse("wagtailsnippets_agreements_agreement:add")
    response = as_metro.post(add, agreement_data(group))
    assert response.status_code == 302, response.content.decode()[:2000]
    for path in pages:
        after = client.get(path)
        assert after["X-Page-Cache"] == "miss" and BADGE in after.content.decode(), path
        cached(client, path)

    agreement = Agreement.objects.get(number="R8-101")
    terminate = reverse("agreement_terminate", args=[agreement.pk])
    response = as_metro.post(terminate, {"on": timezone.localdate().strftime("%Y/%m/%d"), "reason": "団体の解散"})
    assert response.status_code == 302
    for path in pages:
        after = client.get(path)
        assert after["X-Page-Cache"] == "miss" and BADGE not in after.content.decode(), path


def test_a_municipal_coordinator_can_neither_sign_nor_terminate(client, page_cache, as_shinjuku, as_metro, group):
    from agreements.models import Agreement

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    agreement = Agreement.objects.create(number="R8-102", organisation=group, signed_on=yesterday,
                                         valid_from=yesterday)
    before = cached(client, organisation_page(group)).content
    assert BADGE in before.decode()
    assert refused(as_shinjuku.post(reverse("wagtailsnippets_agreements_agreement:add"),
                                    agreement_data(group, number="R8-103")))
    terminate = reverse("agreement_terminate", args=[agreement.pk])
    assert refused(as_shinjuku.post(terminate, {"on": yesterday.strftime("%Y/%m/%d"), "reason": "越権"}))
    # Bad input from the owner changes nothing either.
    assert as_metro.post(terminate, {"on": yesterday.strftime("%Y/%m/%d"), "reason": " "}).status_code == 200
    after = client.get(organisation_page(group))
    assert after["X-Page-Cache"] == "hit" and after.content == before
    assert not Agreement.objects.filter(number="R8-103").exists()


def test_the_group_confirming_its_profile_shows_on_the_cached_organisation_page(client, page_cache, make_user,
                                                                                 group, other_group):
    page = organisation_page(group)
    assert "まだ確認されていません" in cached(client, page).content.decode()
    intruder = editor_of(make_user, other_group, "editor-b")
    assert refused(intruder.post(reverse("network_confirm_profile", args=[group.pk])))
    assert client.get(page)["X-Page-Cache"] == "hit"
    editor = editor_of(make_user, group, "editor-a")
    assert editor.post(reverse("network_confirm_profile", args=[group.pk])).status_code == 302
    after = client.get(page)
    assert after["X-Page-Cache"] == "miss"
    assert "最終確認" in after.content.decode() and "まだ確認されていません" not in after.content.decode()
