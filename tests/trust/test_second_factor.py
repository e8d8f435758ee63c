"""Two-factor sign-in: a staff login without a second factor cannot reach the admin; registering an
authenticator through an enrolment link, recovery codes, and the refusal of wrong codes
(the links themselves: test_second_factor_enrolment.py; later changes: test_second_factor_changes.py)."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenants import second_factor, second_factor_services
from tenants.roles import Role
from tests.conftest import client_for

from .second_factor_helpers import current_code, enrol_path, sign_in

ADMIN_URLS = ["wagtailadmin_home", "case_list", "consultation_list", "wagtailadmin_explore_root"]


@pytest.mark.parametrize("role", [Role.MUNICIPAL_COORDINATOR, Role.METRO_COORDINATOR, Role.PLATFORM_MEMBER,
                                  Role.PARTNER_EDITOR, Role.PROFESSIONAL])
def test_a_staff_login_without_a_second_factor_cannot_reach_the_admin(make_user, shinjuku, role):
    user = make_user(f"no-2fa-{role}", role, shinjuku)
    client = sign_in(user)
    for name in ADMIN_URLS:
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("second_factor_setup")), name
    # Public pages need no second factor.
    assert client.get("/").status_code == 200


def test_registering_an_authenticator_through_a_link_opens_the_admin_and_shows_recovery_codes_once(
        shinjuku_coordinator, metro_coordinator, no_throttle):
    enrol = enrol_path(second_factor_services.issue_enrolment_link(shinjuku_coordinator, by=metro_coordinator))
    client = sign_in(shinjuku_coordinator)
    page = client.get(enrol)
    assert page.status_code == 200 and "<svg" in page.content.decode() and "認証アプリ" in page.content.decode()
    device = TOTPDevice.objects.get(user=shinjuku_coordinator, confirmed=False)
    wrong = client.post(enrol, {"token": "000000" if current_code(device) != "000000" else "111111"})
    assert wrong.status_code == 400 and "コードが正しくありません" in wrong.content.decode()
    assert not second_factor.has_authenticator(shinjuku_coordinator)
    done = client.post(enrol, {"token": current_code(device), "next": "/admin/cases/"})
    codes = done.context["codes"]
    assert done.status_code == 200 and len(codes) == 10 and all(code in done.content.decode() for code in codes)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert second_factor.recovery_codes_left(shinjuku_coordinator) == 10


def test_next_sign_in_asks_for_a_code_and_a_recovery_code_works_once(shinjuku_coordinator, no_throttle):
    device = TOTPDevice.objects.create(user=shinjuku_coordinator, name="authenticator", confirmed=True)
    codes = second_factor.issue_recovery_codes(shinjuku_coordinator)
    client = sign_in(shinjuku_coordinator)
    response = client.get(reverse("case_list"))
    assert response["Location"].startswith(reverse("second_factor_verify"))
    # Knowing the password is not enough to register another authenticator.
    assert client.get(reverse("second_factor_setup"))["Location"].startswith(reverse("second_factor_verify"))
    bad = client.post(reverse("second_factor_verify"), {"token": "12345"})
    assert bad.status_code == 400 and "正しくありません" in bad.content.decode()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    ok = client.post(reverse("second_factor_verify"), {"token": codes[0], "next": "/admin/cases/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/cases/"
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    again = sign_in(shinjuku_coordinator)
    assert again.post(reverse("second_factor_verify"), {"token": codes[0]}).status_code == 400  # used up
    assert again.post(reverse("second_factor_verify"), {"token": current_code(device)}).status_code == 302


def test_wrong_codes_are_throttled(shinjuku_coordinator):
    device = TOTPDevice.objects.create(user=shinjuku_coordinator, name="authenticator", confirmed=True)
    client = sign_in(shinjuku_coordinator)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    assert client.post(reverse("second_factor_verify"), {"token": wrong}).status_code == 400
    # Straight after a wrong code even the right one waits: guessing 10^6 codes is not an option.
    refused = client.post(reverse("second_factor_verify"), {"token": current_code(device)})
    assert refused.status_code == 400 and "時間をおいて" in refused.content.decode()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_verify_refuses_an_outside_next_url(shinjuku_coordinator):
    codes = (TOTPDevice.objects.create(user=shinjuku_coordinator, name="a", confirmed=True),
             second_factor.issue_recovery_codes(shinjuku_coordinator))[1]
    client = sign_in(shinjuku_coordinator)
    response = client.post(reverse("second_factor_verify"), {"token": codes[1], "next": "https://evil.example/"})
    assert response["Location"] == reverse("wagtailadmin_home")


def test_new_recovery_codes_replace_the_old_ones(shinjuku_coordinator, no_throttle):
    old = second_factor.issue_recovery_codes(shinjuku_coordinator)
    client = client_for(shinjuku_coordinator)
    new = client.post(reverse("second_factor_recovery_codes")).context["codes"]
    assert set(new).isdisjoint(old)
    fresh = sign_in(shinjuku_coordinator)
    assert fresh.post(reverse("second_factor_verify"), {"token": old[0]}).status_code == 400
    assert fresh.post(reverse("second_factor_verify"), {"token": new[0]}).status_code == 302


def test_unverified_session_cannot_issue_recovery_codes(shinjuku_coordinator):
    TOTPDevice.objects.create(user=shinjuku_coordinator, name="authenticator", confirmed=True)
    client = client_for(shinjuku_coordinator, second_factor=False)
    response = client.post(reverse("second_factor_recovery_codes"))
    assert response.status_code == 302 and second_factor.recovery_codes_left(shinjuku_coordinator) == 0


def test_production_always_requires_the_second_factor():
    from tests.cms.test_settings import settings_value

    assert settings_value("settings.TSUNAGU_REQUIRE_2FA", {"DJANGO_SETTINGS_MODULE": "cms.settings.production",
                                                           "TSUNAGU_REQUIRE_2FA": "false",
                                                           "TSUNAGU_CASE_KEYS": "4pD0oxyKQ1Jt6F5Gc2m3cV0mYV9Z0bq6QjvQm3aUe1Q=",
                                                           "ALLOWED_HOSTS": "x"}) == "true"


def test_members_only_material_needs_the_second_factor_too(shinjuku, shinjuku_member):
    from tests.network.councils_helpers import council

    url = council(shinjuku, slug="renrakukai", members_only=True).url
    password_only = sign_in(shinjuku_member)
    response = password_only.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("second_factor_setup"))
    assert client_for(shinjuku_member).get(url).status_code == 200


def test_a_superuser_needs_the_second_factor(make_superuser):
    admin = make_superuser("root-admin")
    response = sign_in(admin).get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("second_factor_setup"))


def test_each_visit_to_the_enrolment_link_shows_a_new_key(make_user, shinjuku, metro_coordinator):
    user = make_user("fresh-key", Role.MUNICIPAL_COORDINATOR, shinjuku)
    enrol = enrol_path(second_factor_services.issue_enrolment_link(user, by=metro_coordinator))
    client = sign_in(user)
    first = client.get(enrol).context["secret"]
    second = client.get(enrol).context["secret"]
    assert first != second and TOTPDevice.objects.filter(user=user, confirmed=False).count() == 1
