"""Two-factor sign-in for everyone who enters the admin (every staff role there can see personal
data: coordinators, platform members on case reviews, partner editors, professionals).

django-otp keeps the devices: a TOTP authenticator app and ten single-use recovery codes. This
module holds the rule (who must be verified, which admin URLs stay open before that), verifying a
code and the device operations; every change a person makes goes through
tenants.second_factor_services (logged and notified)."""

import base64

import django_otp
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
RECOVERY_DEVICE = "recovery"
AUTHENTICATOR = "authenticator"
MAX_CODE_LENGTH = 20  # a recovery code is 8 characters, an app's code 6
# Reachable before the second factor: signing in and out, the two-factor pages, and the admin's
# static catalogue/sprite that the sign-in pages themselves load.
OPEN_URL_NAMES = {
    "wagtailadmin_login", "wagtailadmin_logout", "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done", "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete", "wagtailadmin_javascript_catalog", "wagtailadmin_sprite",
    "second_factor_setup", "second_factor_verify", "second_factor_enrol",
}


def required() -> bool:
    return getattr(settings, "TSUNAGU_REQUIRE_2FA", True)


def needs_second_factor(user) -> bool:
    """Anyone who may enter the admin (the rule lives in tenants.access)."""
    from .access import may_enter_admin

    return may_enter_admin(user)


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(user) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


def session_passed(request) -> bool:
    """False only when this signed-in user must give a second factor and has not yet."""
    return not (required() and needs_second_factor(request.user) and not is_verified(request.user))


def ask_for_second_factor(request):
    target = "second_factor_verify" if has_authenticator(request.user) else "second_factor_setup"
    return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


class RequireSecondFactorMiddleware:
    """Send an admin user who has not given a second factor in this session to set one up (no
    authenticator yet) or to enter a code. Only admin URLs are guarded; public pages need none.
    Must come after django_otp.middleware.OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/") and not session_passed(request) and not self._open(request):
            return ask_for_second_factor(request)
        return self.get_response(request)

    @staticmethod
    def _open(request):
        try:
            return resolve(request.path_info).url_name in OPEN_URL_NAMES
        except Resolver404:
            return False


def clean_code(code) -> str:
    """A code as typed (spaces dropped), or "" for anything no authenticator or recovery code
    looks like: control characters, other scripts, pages of text."""
    code = "".join(str(code or "").split())
    if len(code) > MAX_CODE_LENGTH or not (code.isascii() and code.isalnum()):
        return ""
    return code


def secret_of(device) -> str:
    """The key as people type it into an app without a camera (base32, no padding)."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


@transaction.atomic
def issue_recovery_codes(user) -> list:
    """Ten new single-use codes; earlier ones stop working (second_factor_services logs the change)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE).count()


def verify(request, token) -> bool:
    """Accept a code from the authenticator or a recovery code (used up). django-otp throttles
    repeated failures per device."""
    token = clean_code(token)
    if not token:
        return False
    device = django_otp.match_token(request.user, token)
    if device is None or not device.confirmed:
        return False
    django_otp.login(request, device)
    return True
