"""The first authenticator is registered only through a single-use, expiring enrolment link that
an administrator or a metropolitan coordinator emails (through a django-q2 task): someone who
only knows the password never registers a second factor."""

import datetime
from urllib.parse import quote

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenants import second_factor
from tenants import second_factor_services as services
from tenants.models import EnrolmentLink
from tenants.roles import Role
from tests.conftest import client_for

from .second_factor_helpers import current_code, enrol_path, log_entries, path_in, sign_in, wrong_code

ISSUE = reverse("second_factor_issue_links")


@pytest.fixture
def newcomer(make_user, shinjuku):
    return make_user("newcomer", Role.MUNICIPAL_COORDINATOR, shinjuku)


def devices_of(user):
    return TOTPDevice.objects.filter(user=user).count()


def enrol(user, path):
    """Sign in with the password, open the link and confirm with the code the app shows; returns
    the recovery-codes page."""
    client = sign_in(user)
    assert client.get(path).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return client.post(path, {"token": current_code(device)})


def test_signing_in_with_only_a_password_shows_how_to_get_a_link_and_no_setup_form(newcomer):
    client = sign_in(newcomer)
    to_setup = client.get(reverse("wagtailadmin_home"))
    assert to_setup.status_code == 302 and to_setup["Location"].startswith(reverse("second_factor_setup"))
    page = client.get(to_setup["Location"])
    text = page.content.decode()
    assert page.status_code == 200 and "登録用リンク" in text
    assert "<svg" not in text and 'name="token"' not in text and "secret" not in page.context
    # Posting a code to the setup page registers nothing either.
    assert client.post(reverse("second_factor_setup"), {"token": "123456"}).status_code == 403
    assert devices_of(newcomer) == 0 and not second_factor.has_authenticator(newcomer)


def test_a_link_works_once_and_the_second_use_is_refused_and_writes_nothing(
        newcomer, metro_coordinator, no_throttle, django_capture_on_commit_callbacks):
    link = services.issue_enrolment_link(newcomer, by=metro_coordinator)
    path = enrol_path(link)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = enrol(newcomer, path)
    assert done.status_code == 200 and len(done.context["codes"]) == 10
    assert second_factor.has_authenticator(newcomer) and log_entries(newcomer, services.ENROLLED).count() == 1
    # The person is told, without any secret.
    notice, = [m for m in mail.outbox if m.to == [newcomer.email]]
    assert "認証アプリが登録されました" in notice.body and path not in notice.body
    link.refresh_from_db()
    used_at = link.used_at
    assert used_at is not None

    # Someone else with the password and the same link, in another browser.
    again = sign_in(newcomer)
    before = (TOTPDevice.objects.count(), log_entries(newcomer, services.ENROLLED).count())
    for response in (again.get(path), again.post(path, {"token": "123456"})):
        assert response.status_code == 403 and "既に使われています" in response.content.decode()
    assert (TOTPDevice.objects.count(), log_entries(newcomer, services.ENROLLED).count()) == before
    link.refresh_from_db()
    assert link.used_at == used_at


def test_an_expired_link_is_refused(newcomer, metro_coordinator):
    link = services.issue_enrolment_link(newcomer, by=metro_coordinator)
    EnrolmentLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    client = sign_in(newcomer)
    for response in (client.get(enrol_path(link)), client.post(enrol_path(link), {"token": "123456"})):
        assert response.status_code == 403 and "有効期限が切れました" in response.content.decode()
    assert devices_of(newcomer) == 0


def test_a_newer_link_replaces_an_unused_one(newcomer, metro_coordinator):
    older = services.issue_enrolment_link(newcomer, by=metro_coordinator)
    newer = services.issue_enrolment_link(newcomer, by=metro_coordinator)
    client = sign_in(newcomer)
    refused = client.get(enrol_path(older))
    assert refused.status_code == 403 and "新しい登録用リンク" in refused.content.decode()
    assert client.get(enrol_path(newer)).status_code == 200


def test_a_link_for_one_person_cannot_be_used_while_signed_in_as_another(
        newcomer, make_user, shinjuku, metro_coordinator):
    link = services.issue_enrolment_link(newcomer, by=metro_coordinator)
    other = make_user("other-newcomer", Role.MUNICIPAL_COORDINATOR, shinjuku)
    client = sign_in(other)
    for response in (client.get(enrol_path(link)), client.post(enrol_path(link), {"token": "123456"})):
        assert response.status_code == 403 and "別の方" in response.content.decode()
    assert devices_of(other) == 0 and devices_of(newcomer) == 0
    link.refresh_from_db()
    assert link.used_at is None


def test_signed_out_the_link_asks_to_sign_in_first(newcomer, metro_coordinator):
    path = enrol_path(services.issue_enrolment_link(newcomer, by=metro_coordinator))
    response = Client().get(path)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert devices_of(newcomer) == 0


@pytest.mark.parametrize("token", [
    "tampered", "other-salt", "%00", "a%00b", "x" * 5000, "1" * 300, "%F0%9F%98%80", "%E3%81%82" * 60,
])
def test_tampered_and_hostile_tokens_are_refused_with_a_japanese_message(newcomer, metro_coordinator, token):
    link = services.issue_enrolment_link(newcomer, by=metro_coordinator)
    real = services.token_for(link)
    token = {"tampered": real[:-2] + ("AA" if not real.endswith("AA") else "BB"),
             "other-salt": quote(signing.dumps({"e": link.pk}, salt="another-purpose"))}.get(token, token)
    client = sign_in(newcomer)
    for response in (client.get(f"/admin/2fa/enrol/{token}/"),
                     client.post(f"/admin/2fa/enrol/{token}/", {"token": "123456"})):
        assert 400 <= response.status_code < 500
        if response.status_code == 403:
            assert "有効ではありません" in response.content.decode()
    assert devices_of(newcomer) == 0


def test_hostile_codes_on_a_good_link_get_a_japanese_message_and_register_nothing(
        newcomer, metro_coordinator, no_throttle):
    path = enrol_path(services.issue_enrolment_link(newcomer, by=metro_coordinator))
    client = sign_in(newcomer)
    client.get(path)
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    for code in ("\x00" * 6, "1" * 100_000, "１２３４５６", wrong_code(device), "<script>"):
        response = client.post(path, {"token": code})
        expected = "制御文字" if "\x00" in code else "コードが正しくありません"  # the shared input check
        assert response.status_code == 400 and expected in response.content.decode()
    assert not second_factor.has_authenticator(newcomer)


@pytest.mark.parametrize("role", ["municipal_coordinator", "partner_editor", "platform_member", "public"])
def test_who_may_not_issue_links_is_refused_and_nothing_is_sent(
        role, newcomer, make_user, shinjuku, django_capture_on_commit_callbacks):
    issuer = None if role == "public" else make_user(f"would-issue-{role}", Role(role), shinjuku)
    client = Client() if issuer is None else client_for(issuer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        shown = client.get(ISSUE)
        posted = client.post(ISSUE, {"username": newcomer.username})
    for response in (shown, posted):
        assert response.status_code == 403 or (response.status_code == 302 and response["Location"] != ISSUE)
    if issuer is not None:
        assert ISSUE not in client.get(reverse("wagtailadmin_home")).content.decode()  # no menu item
        with pytest.raises(PermissionDenied):
            services.issue_enrolment_link(newcomer, by=issuer)
    assert not EnrolmentLink.objects.exists() and mail.outbox == []


@pytest.mark.parametrize("issuer", ["metro_coordinator", "administrator"])
def test_tokyo_and_administrators_email_a_link_through_the_task_and_it_works(
        issuer, newcomer, metro_coordinator, make_superuser, no_throttle, django_capture_on_commit_callbacks):
    by = metro_coordinator if issuer == "metro_coordinator" else make_superuser("root")
    client = client_for(by)
    assert ISSUE in client.get(reverse("wagtailadmin_home")).content.decode()  # the settings menu leads there
    assert client.get(ISSUE).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(ISSUE, {"username": newcomer.username})
    assert response.status_code == 302 and response["Location"] == ISSUE
    assert len(callbacks) == 1  # the email is queued as a django-q2 task once the link is saved
    link = EnrolmentLink.objects.get(user=newcomer)
    assert link.issued_by == by and link.sent_at is not None
    assert link.expires_at - link.created_at == datetime.timedelta(hours=72)
    assert log_entries(newcomer, services.ISSUED).get().user == by
    message, = mail.outbox
    assert message.to == [newcomer.email] and "認証アプリ" in message.subject
    assert "1回だけ" in message.body and newcomer.username in message.body
    listing = client.get(ISSUE).content.decode()
    assert newcomer.username in listing
    # The emailed link registers the newcomer's authenticator.
    done = enrol(newcomer, path_in(message))
    assert done.status_code == 200 and second_factor.has_authenticator(newcomer)


def test_a_retried_email_task_does_not_send_the_link_twice(newcomer, metro_coordinator,
                                                          django_capture_on_commit_callbacks):
    from tenants.tasks import send_enrolment_link

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        link = services.issue_enrolment_link(newcomer, by=metro_coordinator)
    assert send_enrolment_link(link.pk) is False and len(mail.outbox) == 1


def test_a_coordinator_cannot_open_an_administrators_account(metro_coordinator, make_superuser):
    root = make_superuser("root-without-phone")
    response = client_for(metro_coordinator).post(ISSUE, {"username": root.username})
    assert response.status_code == 403 and "発行できません" in response.content.decode()
    assert not EnrolmentLink.objects.exists()


@pytest.mark.parametrize("username", ["no-such-user", "", "\x00", "a\x00b", "あ" * 10_000, " " * 3])
def test_bad_user_names_are_explained_and_nothing_is_issued(metro_coordinator, username):
    response = client_for(metro_coordinator).post(ISSUE, {"username": username})
    expected = "制御文字" if "\x00" in username else "そのユーザー名の利用者はいません"  # the shared input check
    assert response.status_code == 400 and expected in response.content.decode()
    assert not EnrolmentLink.objects.exists()


def test_a_person_without_an_email_address_or_with_an_authenticator_gets_no_link(
        metro_coordinator, make_user, shinjuku, newcomer):
    no_email = make_user("no-email", Role.MUNICIPAL_COORDINATOR, shinjuku, email="")
    client = client_for(metro_coordinator)
    response = client.post(ISSUE, {"username": no_email.username})
    assert response.status_code == 400 and "メールアドレスがない" in response.content.decode()
    TOTPDevice.objects.create(user=newcomer, name="authenticator", confirmed=True)
    response = client.post(ISSUE, {"username": newcomer.username})
    assert response.status_code == 400 and "既に認証アプリがあります" in response.content.decode()
    assert not EnrolmentLink.objects.exists()


def test_the_server_command_emails_the_first_administrator_a_link(make_superuser, django_capture_on_commit_callbacks):
    root = make_superuser("first-admin")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_enrolment_link", root.username, stdout=open("/dev/null", "w"))
    message, = mail.outbox
    assert message.to == [root.email] and "/admin/2fa/enrol/" in message.body
    assert EnrolmentLink.objects.get(user=root).issued_by is None


@pytest.mark.parametrize("command", ["send_enrolment_link", "reset_second_factor"])
def test_the_account_commands_refuse_an_unknown_user_and_change_nothing(db, command):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nobody"):
        call_command(command, "nobody")
    assert not EnrolmentLink.objects.exists() and not mail.outbox
