"""Changing a registered second factor: replacing or removing the authenticator asks for a current
code (a wrong one changes nothing); every change writes a log entry on the user and emails them."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenants import second_factor
from tenants import second_factor_services as services
from tests.conftest import client_for

from .second_factor_helpers import current_code, log_entries, sign_in, wrong_code

REPLACE, REMOVE = reverse("second_factor_replace"), reverse("second_factor_remove")


@pytest.fixture
def enrolled(shinjuku_coordinator):
    """The coordinator with an authenticator and recovery codes, in a verified session."""
    device = TOTPDevice.objects.create(user=shinjuku_coordinator, name="authenticator", confirmed=True)
    codes = second_factor.issue_recovery_codes(shinjuku_coordinator)
    return shinjuku_coordinator, device, codes, client_for(shinjuku_coordinator)


def notices_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def new_device(user):
    return TOTPDevice.objects.get(user=user, confirmed=False)


def test_replacing_needs_a_current_code_and_a_wrong_one_changes_nothing(
        enrolled, no_throttle, django_capture_on_commit_callbacks):
    user, old, codes, client = enrolled
    page = client.get(REPLACE)
    assert page.status_code == 200 and 'name="current_token"' in page.content.decode() and "<svg" in page.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for current in ("", wrong_code(old), "\x00" * 6, "9" * 50_000):
            refused = client.post(REPLACE, {"current_token": current, "token": current_code(new_device(user))})
            # a control character is refused by the shared input check before the form sees it
            expected = "制御文字" if "\x00" in current else "現在のコード"
            assert refused.status_code == 400 and expected in refused.content.decode()
            client.get(REPLACE)  # the person starts again with a fresh key (the new app's code is used up)
    assert list(TOTPDevice.objects.filter(user=user, confirmed=True)) == [old]
    assert second_factor.recovery_codes_left(user) == 10
    assert not log_entries(user, services.REPLACED).exists() and notices_to(user) == []


def test_a_wrong_code_from_the_new_app_keeps_the_recovery_code(enrolled, no_throttle):
    user, old, codes, client = enrolled
    client.get(REPLACE)
    refused = client.post(REPLACE, {"current_token": codes[0], "token": wrong_code(new_device(user))})
    assert refused.status_code == 400 and "新しいアプリのコード" in refused.content.decode()
    assert second_factor.recovery_codes_left(user) == 10


def test_replacing_with_a_current_code_swaps_the_app_logs_and_emails(
        enrolled, no_throttle, django_capture_on_commit_callbacks):
    user, old, codes, client = enrolled
    client.get(REPLACE)
    new = new_device(user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(REPLACE, {"current_token": codes[3], "token": current_code(new)})
    assert done.status_code == 302 and done["Location"] == reverse("second_factor_setup")
    assert list(TOTPDevice.objects.filter(user=user)) == [new] and TOTPDevice.objects.get(pk=new.pk).confirmed
    assert second_factor.recovery_codes_left(user) == 9  # the one given is used up
    assert log_entries(user, services.REPLACED).get().user == user
    notice, = notices_to(user)
    assert "置き換えられました" in notice.body and codes[3] not in notice.body and "心当たりがない" in notice.body
    # The old app's codes no longer open the admin.
    again = sign_in(user)
    assert again.post(reverse("second_factor_verify"), {"token": current_code(old)}).status_code == 400


def test_removing_needs_a_current_code_and_a_wrong_one_changes_nothing(
        enrolled, no_throttle, django_capture_on_commit_callbacks):
    user, old, codes, client = enrolled
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for current in ("", wrong_code(old), "a\x00b", "x" * 100_000, "１２３４５６"):
            refused = client.post(REMOVE, {"current_token": current})
            # a control character is refused by the shared input check before the form sees it
            expected = "制御文字" if "\x00" in current else "現在のコード"
            assert refused.status_code == 400 and expected in refused.content.decode()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    assert second_factor.recovery_codes_left(user) == 10
    assert not log_entries(user, services.REMOVED).exists() and notices_to(user) == []


def test_removing_with_a_current_code_closes_the_admin_until_a_new_link_logs_and_emails(
        enrolled, no_throttle, django_capture_on_commit_callbacks):
    user, old, codes, client = enrolled
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(REMOVE, {"current_token": current_code(old)})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists() and not StaticDevice.objects.filter(user=user).exists()
    assert log_entries(user, services.REMOVED).get().user == user
    notice, = notices_to(user)
    assert "削除されました" in notice.body
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 302 and home["Location"].startswith(reverse("second_factor_setup"))
    assert "登録用リンク" in client.get(home["Location"]).content.decode()


def test_a_password_only_session_cannot_replace_or_remove(enrolled):
    user, old, codes, _client = enrolled
    client = sign_in(user)
    for response in (client.get(REPLACE), client.post(REMOVE, {"current_token": codes[0]})):
        assert response.status_code == 302 and response["Location"].startswith(reverse("second_factor_verify"))
    assert TOTPDevice.objects.filter(user=user).count() == 1 and second_factor.recovery_codes_left(user) == 10


def test_new_recovery_codes_are_logged_and_emailed(enrolled, django_capture_on_commit_callbacks):
    user, old, codes, client = enrolled
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        new = client.post(reverse("second_factor_recovery_codes")).context["codes"]
    notice, = notices_to(user)
    assert "予備コード" in notice.body and not any(code in notice.body for code in new)
    assert log_entries(user, services.RECOVERY_CODES).count() == 1


def test_the_administrators_reset_is_logged_and_emailed(enrolled, django_capture_on_commit_callbacks):
    user, *_ = enrolled
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reset_second_factor", user.username, stdout=open("/dev/null", "w"))
    assert not second_factor.has_authenticator(user)
    assert log_entries(user, services.REMOVED).get().user is None
    assert len(notices_to(user)) == 1
