"""A metropolitan coordinator invites a group's editor by email; the link works once, expires,
and can be withdrawn. Removing an editor takes effect at once."""

import datetime
import re
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from network.profiles import services as invitations
from network.models import EditorInvitation
from tenants.models import EnrolmentLink
from network.profiles.services import editors_of, grant_editor
from tests.conftest import client_for, verify_second_factor
from tests.tenants.helpers import refused

from .profiles_helpers import make_organisation, url

PASSWORD = "hidamari-kai-2026!"


@pytest.fixture
def group_a(db):
    return make_organisation("ひだまりの会", "ひだまりのかい")


def editors_url(organisation):
    return reverse("network_organisation_editors", args=[organisation.pk])


def link_in(message):
    return re.search(r"http://[^\s]+/invitations/[^\s/]+/", message.body).group(0).split("http://testserver", 1)[-1]


def invite(as_metro, organisation, email="aoi@hidamari.example.jp", on_commit=None):
    if on_commit is not None:
        with on_commit(execute=True):
            return invite(as_metro, organisation, email)
    response = as_metro.post(editors_url(organisation), {"action": "invite", "email": email, "name": "日溜 葵"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return EditorInvitation.objects.get(organisation=organisation, email=email, revoked_at=None)


def path_of(link):
    return "/" + link.split("/", 3)[3]


def test_invitation_email_goes_out_through_the_task_with_a_working_link(
        as_metro, group_a, client, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    invitation = invite(as_metro, group_a, on_commit=django_capture_on_commit_callbacks)
    messages = [m for m in mail.outbox if "aoi@hidamari.example.jp" in m.to]
    assert len(messages) == 1
    assert "ひだまりの会" in messages[0].subject
    invitation.refresh_from_db()
    assert invitation.sent_at is not None

    page = client.get(path_of(link_in(messages[0])))
    assert page.status_code == 200
    assert "ひだまりの会" in page.content.decode()


def test_a_retried_invitation_task_does_not_email_the_link_twice(
        as_metro, group_a, django_capture_on_commit_callbacks):
    from network.tasks import send_invitation

    mail.outbox.clear()
    invitation = invite(as_metro, group_a, on_commit=django_capture_on_commit_callbacks)
    assert send_invitation(invitation.pk) is False  # the queue ran the task again: nothing to do
    assert len([m for m in mail.outbox if "aoi@hidamari.example.jp" in m.to]) == 1


def test_a_failed_send_leaves_the_invitation_unsent_for_the_retry(as_metro, group_a, settings):
    from network.tasks import send_invitation

    invitation = invite(as_metro, group_a)  # queued; the task has not run
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: the send fails
    with pytest.raises(OSError):
        send_invitation(invitation.pk)
    invitation.refresh_from_db()
    assert invitation.sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    assert send_invitation(invitation.pk) is True
    assert [m.to for m in mail.outbox] == [["aoi@hidamari.example.jp"]]


def test_invitee_sets_a_password_and_lands_on_their_profile(as_metro, group_a, client):
    invitation = invite(as_metro, group_a)
    link = path_of(invitations.invitation_url(invitation))
    response = client.post(link, {"name": "日溜 葵", "password1": PASSWORD, "password2": PASSWORD})
    # Straight on to register an authenticator (the invitation proved the address), then the profile.
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/enrol/") and response["Location"].endswith(
        "?next=" + quote(url("edit", group_a.pk), safe=""))
    user = get_user_model().objects.get(email="aoi@hidamari.example.jp")
    assert user.last_name == "日溜" and user.first_name == "葵"
    assert list(editors_of(group_a)) == [user]
    # The enrolment page opens with the app's QR code; the link counts as issued by the inviter.
    enrol = client.get(response["Location"])
    assert enrol.status_code == 200 and "<svg" in enrol.content.decode()
    assert EnrolmentLink.objects.get(user=user).issued_by == invitation.invited_by
    # Straying elsewhere first: the admin asks for the second factor before the profile opens.
    first = client.get(url("edit", group_a.pk))
    assert first.status_code == 302 and first["Location"].startswith(reverse("second_factor_setup"))
    verify_second_factor(client, user)
    assert client.get(url("edit", group_a.pk)).status_code == 200
    invitation.refresh_from_db()
    assert invitation.accepted_by == user

    # The link is single-use.
    again = client.__class__().get(link)
    assert again.status_code == 410
    assert "既に使用" in again.content.decode()


def test_expired_link_gets_a_clear_message_and_creates_nothing(as_metro, group_a, client):
    invitation = invite(as_metro, group_a)
    EditorInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    link = path_of(invitations.invitation_url(invitation))
    page = client.get(link)
    assert page.status_code == 410 and "有効期限" in page.content.decode()
    response = client.post(link, {"name": "日溜 葵", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 410
    assert not get_user_model().objects.filter(email="aoi@hidamari.example.jp").exists()


def test_withdrawn_and_tampered_links_are_refused(as_metro, group_a, client):
    invitation = invite(as_metro, group_a)
    link = path_of(invitations.invitation_url(invitation))
    as_metro.post(editors_url(group_a), {"action": "revoke_invitation", "invitation": invitation.pk})
    page = client.get(link)
    assert page.status_code == 410 and "取り消" in page.content.decode()
    tampered = client.get(link[:-3] + "xx/")
    assert tampered.status_code == 410 and "正しくありません" in tampered.content.decode()


def test_weak_or_mismatched_password_is_explained_and_nothing_is_created(as_metro, group_a, client):
    invitation = invite(as_metro, group_a)
    link = path_of(invitations.invitation_url(invitation))
    response = client.post(link, {"name": "日溜 葵", "password1": "12345678", "password2": "12345678"})
    assert response.status_code == 200
    assert "パスワード" in response.content.decode()
    response = client.post(link, {"name": "日溜 葵", "password1": PASSWORD, "password2": PASSWORD + "x"})
    assert "一致しません" in response.content.decode()
    assert not get_user_model().objects.filter(email="aoi@hidamari.example.jp").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_existing_account_must_sign_in_to_accept(as_metro, group_a, make_user, client):
    user = make_user("aoi", email="aoi@hidamari.example.jp")
    invitation = invite(as_metro, group_a)
    link = path_of(invitations.invitation_url(invitation))
    assert "ログイン" in client.get(link).content.decode()
    assert client.post(link, {"name": "x", "password1": PASSWORD, "password2": PASSWORD}).status_code == 410
    assert not editors_of(group_a).exists()
    signed_in = client_for(user)
    response = signed_in.post(link)
    assert response.status_code == 302
    assert list(editors_of(group_a)) == [user]


def test_coordinator_removes_an_editor(as_metro, group_a, make_user):
    editor = make_user("aoi")
    grant_editor(group_a, editor)
    response = as_metro.post(editors_url(group_a), {"action": "remove_editor", "user": editor.pk})
    assert response.status_code == 302
    assert not editors_of(group_a).exists()
    assert client_for(editor).get(url("edit", group_a.pk)).status_code == 302


def test_inviting_an_existing_editor_is_explained(as_metro, group_a, make_user):
    grant_editor(group_a, make_user("aoi", email="aoi@hidamari.example.jp"))
    response = as_metro.post(editors_url(group_a), {"action": "invite", "email": "aoi@hidamari.example.jp"})
    assert response.status_code == 200
    assert "既にこの団体の編集者" in response.content.decode()
    assert not EditorInvitation.objects.exists()


def test_bad_email_is_explained(as_metro, group_a):
    response = as_metro.post(editors_url(group_a), {"action": "invite", "email": "not-an-email"})
    assert response.status_code == 200
    assert "有効なメールアドレス" in response.content.decode()
    assert not EditorInvitation.objects.exists()


@pytest.mark.parametrize("who", ["shinjuku_coordinator", "partner_editor"])
def test_only_metropolitan_coordinators_manage_editors(request, who, group_a):
    client = client_for(request.getfixturevalue(who))
    assert refused(client.get(editors_url(group_a))) or client.get(editors_url(group_a)).status_code == 302
    client.post(editors_url(group_a), {"action": "invite", "email": "x@example.jp"})
    assert not EditorInvitation.objects.exists()


def test_group_editor_cannot_invite_more_editors(group_a, make_user):
    editor = make_user("aoi")
    grant_editor(group_a, editor)
    client = client_for(editor)
    assert refused(client.get(editors_url(group_a)))
    client.post(editors_url(group_a), {"action": "invite", "email": "friend@example.jp"})
    assert not EditorInvitation.objects.exists()
