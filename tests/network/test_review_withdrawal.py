"""A municipal coordinator takes a submitted meeting back out of the 会議録の公開審査 review
(Wagtail's cancel-workflow action, 審査を取り下げる), adds the minutes they forgot and submits it
again; Tokyo approves. Their colleagues may withdraw it too; another municipality may not touch
it, and nobody in the municipality can approve or publish it themselves."""

import re

import pytest
from django.urls import reverse

from network.models import MeetingPage
from tenants.roles import Role

from ..conftest import client_for
from ..tenants.helpers import refused
from .councils_helpers import council
from .test_councils import add_url, meeting_form

TITLE = "第4回 新宿区ひきこもり支援協議会"
MINUTES_TEXT = "ただいまから開会します。"


@pytest.fixture
def submitted(as_shinjuku, shinjuku):
    """第4回, submitted without its minutes by the 新宿区 coordinator."""
    response = as_shinjuku.post(add_url(council(shinjuku)), without_minutes(meeting_form()), follow=True)
    page = MeetingPage.objects.get(slug="dai4kai")
    assert page.current_workflow_state.status == "in_progress" and not page.minutes
    return {"page": page, "messages": messages_of(response)}


@pytest.fixture
def colleague(make_user, shinjuku):
    return client_for(make_user("shinjuku-coord-2", Role.MUNICIPAL_COORDINATOR, shinjuku))


def without_minutes(form):
    form["minutes-count"] = "0"
    return form


def messages_of(response):
    """The texts of the admin's flash messages in a rendered page."""
    html = response.content.decode()
    found = re.findall(r'<li class="(?:success|error|warning)[^"]*">(.*?)</li>', html, re.S)
    texts = [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for text in found]
    return [text for text in texts if text]  # the empty ones are the message templates


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def withdraw(client, page):
    return client.post(edit_url(page), without_minutes(meeting_form(action="action-cancel-workflow")), follow=True)


def in_review(page):
    state = MeetingPage.objects.get(pk=page.pk).current_workflow_state
    return state is not None and state.status == "in_progress"


def test_submitting_says_so_in_japanese(submitted):
    assert submitted["messages"] == [f"「{TITLE}」を作成し、審査に提出しました。承認待ちです。 下書きを閲覧 編集"]


def test_submitter_is_offered_the_withdrawal_and_nothing_that_publishes(as_shinjuku, submitted):
    form = as_shinjuku.get(edit_url(submitted["page"])).content.decode()
    assert 'name="action-cancel-workflow"' in form and "審査を取り下げる" in form
    assert 'name="action-publish"' not in form and 'data-workflow-action-name="approve"' not in form


def test_submitter_withdraws_adds_the_minutes_and_resubmits(as_shinjuku, as_metro, submitted):
    page = submitted["page"]
    response = withdraw(as_shinjuku, page)
    assert f"「{TITLE}」の審査を取り下げました。" in " ".join(messages_of(response))
    assert not in_review(page)
    form = as_shinjuku.get(edit_url(page)).content.decode()
    assert 'name="action-submit"' in form and 'name="action-publish"' not in form

    response = as_shinjuku.post(edit_url(page), meeting_form(), follow=True)  # with the minutes this time
    text = " ".join(messages_of(response))
    assert f"「{TITLE}」を審査に提出しました。承認待ちです。" in text
    assert "調整" not in text
    page.refresh_from_db()
    assert in_review(page) and not page.live

    task_state = page.current_workflow_state.current_task_state
    as_metro.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
                  {"comment": ""})
    page.refresh_from_db()
    assert page.live
    assert MINUTES_TEXT in as_shinjuku.get(page.url).content.decode()


def test_a_colleague_in_the_same_municipality_may_withdraw_it(colleague, submitted):
    page = submitted["page"]
    form = colleague.get(edit_url(page)).content.decode()
    assert 'name="action-cancel-workflow"' in form
    response = withdraw(colleague, page)
    assert "審査を取り下げました" in " ".join(messages_of(response))
    assert not in_review(page)


def test_another_municipalitys_coordinator_can_neither_open_nor_withdraw_it(as_bunkyo, submitted):
    page = submitted["page"]
    assert refused(as_bunkyo.get(edit_url(page)))
    assert refused(as_bunkyo.post(edit_url(page), meeting_form(action="action-cancel-workflow")))
    assert in_review(page)


def test_a_platform_member_cannot_withdraw_it(make_user, shinjuku, submitted):
    member = client_for(make_user("shinjuku-member", Role.PLATFORM_MEMBER, shinjuku))
    page = submitted["page"]
    assert refused(member.post(edit_url(page), meeting_form(action="action-cancel-workflow")))
    assert in_review(page)


def test_coordinators_still_cannot_approve_or_publish_their_own_meeting(as_shinjuku, colleague, submitted):
    page = submitted["page"]
    task_state = page.current_workflow_state.current_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    for client in (as_shinjuku, colleague):
        assert refused(client.post(approve, {"comment": ""}))
        client.post(edit_url(page), meeting_form(action="action-workflow-action",
                                                 **{"workflow-action-name": "approve"}))
        client.post(edit_url(page), meeting_form(action="action-publish"))
    page.refresh_from_db()
    assert not page.live and page.live_revision is None
    assert in_review(page)


def test_a_reviewers_lock_keeps_the_meeting_in_review(as_metro, colleague, submitted):
    """Tokyo may lock a page it is reviewing; as in Wagtail, nobody else withdraws it then."""
    page = submitted["page"]
    as_metro.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
    page.refresh_from_db()
    assert page.locked
    withdraw(colleague, page)
    assert in_review(page)


def test_the_withdrawal_rule_itself_refuses_other_municipalities_and_members(
        submitted, bunkyo_coordinator, shinjuku_member, make_user, shinjuku):
    """Asked directly, not through the edit view (which refuses these users first), so the rule
    would be caught if it ever stopped checking the municipality."""
    from tenants import access

    page = submitted["page"]
    state = page.current_workflow_state
    colleague = make_user("shinjuku-coord-3", Role.MUNICIPAL_COORDINATOR, shinjuku)
    assert access.may_withdraw_from_review(colleague, page) and state.user_can_cancel(colleague)
    for outsider in (bunkyo_coordinator, shinjuku_member):
        assert not access.may_withdraw_from_review(outsider, page)
        assert not state.user_can_cancel(outsider)
