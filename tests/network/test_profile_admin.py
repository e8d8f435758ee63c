"""A partner group's editors keep their own profile: drafts, review by the metropolitan
coordinators, and nobody touches another group's profile."""

import pytest
from django.core import mail
from django.urls import reverse

from network.models import Organisation
from network.profiles.services import grant_editor, revoke_editor
from tests.conftest import client_for
from tests.tenants.helpers import refused

from .profiles_helpers import form_data, make_organisation, url


@pytest.fixture
def group_a(db):
    return make_organisation("ひだまりの会", "ひだまりのかい", description="毎月第2土曜に定例会を開いています。",
                             activity_days="第2土曜")


@pytest.fixture
def group_b(db):
    return make_organisation("こもれび家族会", "こもれびかぞくかい", description="家族同士で話せる場です。")


@pytest.fixture
def editor_a(make_user, group_a):
    user = make_user("editor-a", last_name="日溜", first_name="葵")
    grant_editor(group_a, user)
    return user


@pytest.fixture
def editor_b(make_user, group_b):
    user = make_user("editor-b")
    grant_editor(group_b, user)
    return user


@pytest.fixture
def as_editor_a(editor_a):
    return client_for(editor_a)


def shut_out(response):
    """Refused, or (for a user with no admin rights at all) sent to the sign-in page."""
    return response.status_code == 403 or response.status_code == 302


def submit_change(client, organisation, **changes):
    response = client.post(url("edit", organisation.pk), form_data(organisation, **changes, **{"action-submit": "1"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation.refresh_from_db()
    return organisation


def current_task_state(organisation):
    return organisation.current_workflow_state.current_task_state


def test_editor_lists_only_own_organisation(as_editor_a, group_a, group_b):
    body = as_editor_a.get(url("list")).content.decode()
    assert "ひだまりの会" in body
    assert "こもれび家族会" not in body


def test_editor_opens_own_profile_and_cannot_publish_directly(as_editor_a, group_a):
    body = as_editor_a.get(url("edit", group_a.pk)).content.decode()
    assert "ひだまりの会" in body
    assert 'name="action-submit"' in body      # 承認申請 (submit for review)
    assert 'name="action-publish"' not in body


@pytest.mark.parametrize("view", ["edit", "history", "inspect", "usage", "delete", "workflow_history",
                                  "lock", "unlock", "unpublish"])
def test_editor_is_refused_every_view_of_another_groups_profile(as_editor_a, group_b, view):
    response = as_editor_a.get(url(view, group_b.pk))
    assert refused(response), (view, response.status_code)
    response = as_editor_a.post(url(view, group_b.pk), {})
    assert refused(response), (view, response.status_code)
    group_b.refresh_from_db()
    assert group_b.live and not group_b.locked


def test_editor_cannot_preview_or_read_revisions_of_another_group(as_editor_a, group_b):
    response = as_editor_a.post(url("preview_on_edit", group_b.pk), form_data(group_b, description="覗き見"))
    assert refused(response)
    assert refused(as_editor_a.get(url("preview_on_edit", group_b.pk)))
    revision = group_b.latest_revision
    assert refused(as_editor_a.get(url("revisions_view", group_b.pk, revision.pk)))
    compare = reverse("wagtailsnippets_network_organisation:revisions_compare", args=[group_b.pk, "earliest", "latest"])
    assert refused(as_editor_a.get(compare))


def test_editor_cannot_add_organisations(as_editor_a):
    assert refused(as_editor_a.get(url("add")))


def test_organisation_chooser_offers_published_groups_never_unpublished_ones(as_shinjuku, as_metro, group_a):
    hidden = make_organisation("準備中の会", "じゅんびちゅうのかい", publish=False)
    chooser = reverse("wagtailsnippetchoosers_network_organisation:choose")
    html = as_shinjuku.get(chooser).json()["html"]
    assert "ひだまりの会" in html and "準備中の会" not in html
    chosen = reverse("wagtailsnippetchoosers_network_organisation:chosen", args=[hidden.pk])
    assert as_shinjuku.get(chosen).status_code == 404
    assert "準備中の会" in as_metro.get(chooser).json()["html"]


def test_public_cannot_use_the_organisation_chooser(client):
    response = client.get(reverse("wagtailsnippetchoosers_network_organisation:choose"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_preview_shows_the_draft_to_its_editor(as_editor_a, group_a):
    data = form_data(group_a, description="新しい会場は駅前の公民館です。")
    response = as_editor_a.post(url("preview_on_edit", group_a.pk), data)
    assert response.json()["is_valid"] is True
    body = as_editor_a.get(url("preview_on_edit", group_a.pk)).content.decode()
    assert "新しい会場は駅前の公民館です。" in body
    assert "承認されると" in body  # the preview banner


def test_public_sees_live_text_until_approval_then_the_new_text(client, as_editor_a, as_metro, group_a,
                                                                 metro_coordinator, editor_a):
    metro_coordinator.email = "tokyo@example.jp"
    metro_coordinator.save()
    submit_change(as_editor_a, group_a, description="毎月第4日曜に会場を移しました。")
    detail = reverse("organisation_detail", args=[group_a.pk])

    # Submitted: the draft is only in a revision; public page, directory, search keep the live text.
    assert group_a.has_unpublished_changes
    page = client.get(detail).content.decode()
    assert "毎月第2土曜に定例会" in page and "第4日曜" not in page
    assert "ひだまりの会" not in client.get(reverse("search"), {"q": "第4日曜"}).content.decode()
    assert "ひだまりの会" not in client.get(reverse("directory"), {"q": "第4日曜"}).content.decode()
    assert "ひだまりの会" in client.get(reverse("directory"), {"q": "定例会"}).content.decode()
    # The reviewers were told.
    assert any("tokyo@example.jp" in m.to for m in mail.outbox)

    task_state = current_task_state(group_a)
    response = as_metro.post(url("workflow_action", group_a.pk, "approve", task_state.pk), {"comment": ""})
    assert response.status_code == 302
    group_a.refresh_from_db()
    assert not group_a.has_unpublished_changes
    page = client.get(detail).content.decode()
    assert "毎月第4日曜に会場を移しました。" in page
    assert "ひだまりの会" in client.get(reverse("search"), {"q": "第4日曜"}).content.decode()
    assert group_a.confirmed_at is not None  # approval confirms the profile


def test_rejection_keeps_the_live_version_and_tells_the_editor_why(client, as_editor_a, as_metro, group_a, editor_a):
    submit_change(as_editor_a, group_a, description="誤った内容")
    mail.outbox.clear()
    task_state = current_task_state(group_a)
    response = as_metro.post(url("workflow_action", group_a.pk, "reject", task_state.pk),
                             {"comment": "会場の住所を確認してください"})
    assert response.status_code == 302
    group_a.refresh_from_db()
    assert group_a.description == "毎月第2土曜に定例会を開いています。" and group_a.live
    page = client.get(reverse("organisation_detail", args=[group_a.pk])).content.decode()
    assert "誤った内容" not in page and "毎月第2土曜" in page
    to_editor = [m for m in mail.outbox if editor_a.email in m.to]
    assert len(to_editor) == 1
    assert "会場の住所を確認してください" in to_editor[0].body
    assert "却下" in to_editor[0].subject + to_editor[0].body


def test_editor_cannot_approve_their_own_submission(as_editor_a, group_a):
    submit_change(as_editor_a, group_a, description="自分で承認")
    task_state = current_task_state(group_a)
    as_editor_a.post(url("workflow_action", group_a.pk, "approve", task_state.pk), {"comment": ""})
    group_a.refresh_from_db()
    assert group_a.description != "自分で承認"
    assert group_a.has_unpublished_changes


def test_publish_button_posted_by_an_editor_does_not_publish(client, as_editor_a, group_a):
    as_editor_a.post(url("edit", group_a.pk), form_data(group_a, description="勝手に公開", **{"action-publish": "1"}))
    group_a.refresh_from_db()
    assert group_a.description == "毎月第2土曜に定例会を開いています。"
    assert "勝手に公開" not in client.get(reverse("organisation_detail", args=[group_a.pk])).content.decode()


def test_removed_editor_loses_access_at_once(editor_a, group_a, metro_coordinator):
    client = client_for(editor_a)
    assert client.get(url("edit", group_a.pk)).status_code == 200
    revoke_editor(group_a, editor_a, by=metro_coordinator)
    # With no profile left they lose the admin altogether (sent to sign in with another account).
    assert shut_out(client.get(url("edit", group_a.pk)))
    assert shut_out(client.post(url("edit", group_a.pk), form_data(group_a, description="取り消し後")))
    assert "ひだまりの会" not in client.get(url("list")).content.decode()
    group_a.refresh_from_db()
    assert group_a.latest_revision.content["description"] != "取り消し後"


def test_editor_of_two_groups_sees_both(make_user, group_a, group_b):
    user = make_user("two-groups")
    grant_editor(group_a, user)
    grant_editor(group_b, user)
    body = client_for(user).get(url("list")).content.decode()
    assert "ひだまりの会" in body and "こもれび家族会" in body


@pytest.mark.parametrize("who", ["shinjuku_coordinator", "shinjuku_member", "partner_editor"])
def test_other_roles_cannot_open_profiles(request, who, group_a):
    client = client_for(request.getfixturevalue(who))
    assert shut_out(client.get(url("edit", group_a.pk)))
    assert "ひだまりの会" not in client.get(url("list")).content.decode()


def test_public_is_sent_to_sign_in(client, group_a):
    response = client.get(url("edit", group_a.pk))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_confirm_still_correct_records_the_date_shown_publicly(client, as_editor_a, group_a, group_b):
    assert group_a.confirmed_at is None  # published by the Support Net, not yet by the group
    assert "まだ確認されていません" in client.get(reverse("organisation_detail", args=[group_a.pk])).content.decode()
    response = as_editor_a.post(reverse("network_confirm_profile", args=[group_a.pk]))
    assert response.status_code == 302
    group_a.refresh_from_db()
    assert group_a.confirmed_at is not None
    assert "最終確認" in client.get(reverse("organisation_detail", args=[group_a.pk])).content.decode()
    assert refused(as_editor_a.post(reverse("network_confirm_profile", args=[group_b.pk])))
    group_b.refresh_from_db()
    assert group_b.confirmed_at is None or group_b.confirmed_at < group_a.confirmed_at


def test_editor_dashboard_lists_their_profile(as_editor_a, group_a, group_b):
    body = as_editor_a.get(reverse("wagtailadmin_home")).content.decode()
    assert "ひだまりの会" in body and "こもれび家族会" not in body


def test_metro_coordinator_still_keeps_every_profile(as_metro, group_a, group_b):
    body = as_metro.get(url("list")).content.decode()
    assert "ひだまりの会" in body and "こもれび家族会" in body
    response = as_metro.post(url("edit", group_b.pk), form_data(group_b, description="都が更新", **{"action-publish": "1"}))
    assert response.status_code == 302
    assert Organisation.objects.get(pk=group_b.pk).description == "都が更新"


def test_submitted_change_waits_on_the_coordinators_dashboard(as_editor_a, as_metro, group_a):
    submit_change(as_editor_a, group_a, description="確認待ちの変更")
    dashboard = as_metro.get(reverse("wagtailadmin_home")).content.decode()
    assert "ひだまりの会" in dashboard
    assert url("edit", group_a.pk) in dashboard


def test_editor_locks_their_profile_and_another_editor_cannot(as_editor_a, editor_a, editor_b, group_a):
    response = as_editor_a.post(url("lock", group_a.pk))
    assert response.status_code == 302
    group_a.refresh_from_db()
    assert group_a.locked and group_a.locked_by == editor_a
    other = client_for(editor_b)
    assert refused(other.post(url("unlock", group_a.pk)))
    group_a.refresh_from_db()
    assert group_a.locked


def test_admin_listing_and_chooser_searches_find_japanese_names(as_editor_a, as_shinjuku, as_metro, group_a, group_b):
    assert "ひだまりの会" in as_editor_a.get(url("list"), {"q": "ひだまり"}).content.decode()
    assert "こもれび家族会" not in as_editor_a.get(url("list"), {"q": "こもれび"}).content.decode()
    assert "こもれび家族会" in as_metro.get(url("list"), {"q": "家族会"}).content.decode()
    results = reverse("wagtailsnippetchoosers_network_organisation:choose_results")
    response = as_shinjuku.get(results, {"q": "ひだまり"})
    assert response.status_code == 200 and "ひだまりの会" in response.content.decode()
