"""The two-factor pages: set up an authenticator (with recovery codes shown once), enter a code
after signing in, and issue new recovery codes."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import second_factor


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or reverse("wagtailadmin_home")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return reverse("wagtailadmin_home")
    return target


@never_cache
@login_required
def setup(request):
    user = request.user
    # Someone who only knows the password must not be able to add their own authenticator.
    if second_factor.has_authenticator(user) and not second_factor.is_verified(user):
        return redirect(f"{reverse('second_factor_verify')}?next={_next(request)}")
    device = second_factor.pending_authenticator(user, fresh=request.method == "GET")
    error = None
    if request.method == "POST":
        codes = second_factor.confirm_authenticator(request, device, "".join(request.POST.get("token", "").split()))
        if codes is not None:
            return TemplateResponse(request, "tenants/second_factor/recovery_codes.html",
                                    {"codes": codes, "next": _next(request), "first_time": True})
        error = _("That code is not right. Enter the 6-digit code your app shows now.")
    uri = device.config_url
    return TemplateResponse(request, "tenants/second_factor/setup.html", {
        "qr_svg": segno.make(uri, error="m").svg_inline(scale=4, title=_("QR code for your authenticator app")),
        "secret": second_factor.secret_of(device), "error": error, "next": _next(request),
        "has_authenticator": second_factor.has_authenticator(user),
        "codes_left": second_factor.recovery_codes_left(user),
    }, status=400 if error else 200)


@never_cache
@login_required
def verify(request):
    if not second_factor.has_authenticator(request.user):
        return redirect(f"{reverse('second_factor_setup')}?next={_next(request)}")
    error = None
    if request.method == "POST":
        if second_factor.verify(request, request.POST.get("token", "")):
            return redirect(_next(request))
        error = _("That code is not right, or too many wrong codes were entered: wait a little and try again.")
    return TemplateResponse(request, "tenants/second_factor/verify.html", {"error": error, "next": _next(request)},
                            status=400 if error else 200)


@never_cache
@require_POST
def new_recovery_codes(request):
    # Under /admin/, so the middleware has already required a verified session.
    codes = second_factor.issue_recovery_codes(request.user)
    messages.success(request, _("New recovery codes were issued. The earlier ones no longer work."))
    return TemplateResponse(request, "tenants/second_factor/recovery_codes.html",
                            {"codes": codes, "next": reverse("wagtailadmin_home"), "first_time": False})
