"""An invited partner-group editor, in a real browser: the coordinator invites by email, the
invitee sets a password and lands on their profile; an expired link says so."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from django.contrib.auth import get_user_model

from network.models import EditorInvitation, Organisation
from network.profiles.services import editors_of

from .conftest import pass_second_factor, sign_in

User = get_user_model()

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}, "resultTypes": ["violations"]}
PASSWORD = "Hidamari-no-kai-2026"


def test_invited_editor_sets_a_password_and_lands_on_the_profile(tokyo_live, browser):
    organisation = Organisation.objects.get(name="キズキ")
    coordinator = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo").new_page()
    sign_in(coordinator, tokyo_live.url, "tokyo")
    coordinator.goto(f"{tokyo_live.url}/admin/organisations/{organisation.pk}/editors/")
    coordinator.get_by_label("メールアドレス").fill("aoi@kizuki.example.jp")
    coordinator.get_by_label("氏名").fill("木好 葵")
    coordinator.get_by_role("button", name="招待を送る").click()
    expect(coordinator.get_by_text("aoi@kizuki.example.jp に招待を送りました。")).to_be_visible()

    message = next(m for m in mail.outbox if "aoi@kizuki.example.jp" in m.to)
    link = re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)
    path = "/invitations/" + link.split("/invitations/", 1)[1]

    invitee = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo").new_page()
    invitee.goto(tokyo_live.url + path)
    expect(invitee.get_by_role("heading", level=1)).to_have_text("プロフィール編集へのご招待")
    results = Axe().run(invitee, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    invitee.get_by_label("お名前").fill("木好 葵")
    invitee.locator("#id_password1").fill(PASSWORD)
    invitee.locator("#id_password2").fill(PASSWORD)
    invitee.get_by_role("button", name="アカウントを作成する").click()
    # Signed in, the new editor first registers an authenticator (the invitation was the proof of
    # the address, so no second link is emailed), then lands on the profile.
    invitee.wait_for_url("**/admin/2fa/enrol/**")
    expect(invitee.get_by_text("キズキのプロフィールを編集できるようになりました。")).to_be_visible()
    results = Axe().run(invitee, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    pass_second_factor(invitee, User.objects.get(email="aoi@kizuki.example.jp").username)
    invitee.wait_for_url(f"**/admin/snippets/network/organisation/edit/{organisation.pk}/")
    assert [u.email for u in editors_of(organisation)] == ["aoi@kizuki.example.jp"]

    # The same link a second time.
    again = browser.new_context(locale="ja-JP").new_page()
    again.goto(tokyo_live.url + path)
    expect(again.get_by_role("alert")).to_contain_text("既に使用されています")

    # The coordinator sees the new editor.
    coordinator.reload()
    expect(coordinator.locator("table.editors")).to_contain_text("aoi@kizuki.example.jp")


def test_expired_invitation_link_says_so(tokyo_live, browser, django_capture_on_commit_callbacks):
    from network.profiles import services as invitations
    from django.contrib.auth import get_user_model

    organisation = Organisation.objects.get(name="キズキ")
    invitation = invitations.invite(organisation, "late@kizuki.example.jp",
                                    by=get_user_model().objects.get(username="tokyo"))
    EditorInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(hours=1))
    page = browser.new_context(locale="ja-JP").new_page()
    page.goto(tokyo_live.url + "/invitations/" + invitations.token_for(invitation) + "/")
    expect(page.get_by_role("alert")).to_contain_text("有効期限")
    expect(page.get_by_role("alert")).to_contain_text("新しい招待を依頼してください")
    assert page.get_by_role("button", name="アカウントを作成する").count() == 0
    assert not get_user_model().objects.filter(email="late@kizuki.example.jp").exists()
