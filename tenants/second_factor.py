"""Two-factor sign-in for everyone who enters the admin (every staff role there can see personal
data: coordinators, platform members on case reviews, partner editors, professionals).

django-otp keeps the devices: a TOTP authenticator app and ten single-use recovery codes. This
module holds the rule (who must be verified, which admin URLs stay open before that) and the one
function per change (register an authenticator, issue recovery codes, verify a code)."""

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
# Reachable before the second factor: signing in and out, the two-factor pages, and the admin's
# static catalogue/sprite that the sign-in pages themselves load.
OPEN_URL_NAMES = {
    "wagtailadmin_login", "wagtailadmin_logout", "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done", "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete", "wagtailadmin_javascript_catalog", "wagtailadmin_sprite",
    "second_factor_setup", "second_factor_verify",
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


def pending_authenticator(user, fresh=False):
    """The unconfirmed authenticator being set up (one per user). `fresh` draws a new key, so a
    half-finished setup's key is never shown twice."""
    if fresh:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=AUTHENTICATOR).first()
    return device or TOTPDevice.objects.create(user=user, confirmed=False, name=AUTHENTICATOR)


def secret_of(device) -> str:
    """The key as people type it into an app without a camera (base32, no padding)."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


@transaction.atomic
def confirm_authenticator(request, device, token) -> list | None:
    """Confirm the pending authenticator with a code from the app; it replaces any earlier one.
    Returns fresh recovery codes (shown once), or None when the code is wrong."""
    if device.user_id != request.user.pk or device.confirmed or not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    django_otp.login(request, device)
    return issue_recovery_codes(request.user)


@transaction.atomic
def issue_recovery_codes(user) -> list:
    """Ten new single-use codes; earlier ones stop working."""
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
    token = "".join((token or "").split())
    if not token:
        return False
    device = django_otp.match_token(request.user, token)
    if device is None or not device.confirmed:
        return False
    django_otp.login(request, device)
    return True
