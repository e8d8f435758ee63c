"""The two-factor pages: register the first authenticator through an enrolment link (recovery
codes shown once), enter a code after signing in, the account page (replace or remove the
authenticator, issue new recovery codes) and, for Tokyo, issuing enrolment links.

Without an authenticator the setup page only says to ask a coordinator for a link: knowing the
password is not enough to register one (tenants.second_factor_services)."""

import segno
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import access, second_factor
from . import second_factor_services as services

TEMPLATES = "tenants/second_factor/"


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or reverse("wagtailadmin_home")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return reverse("wagtailadmin_home")
    return target


def _render(request, template, context, error=None, status=None):
    return TemplateResponse(request, TEMPLATES + template, {"error": error, "next": _next(request), **context},
                            status=status or (400 if error else 200))


def _needs_link(request, error=None, status=None):
    return _render(request, "needs_link.html", {}, error, status or (403 if error or request.method == "POST" else 200))


def _setup_page(request, device, error=None, **context):
    return _render(request, "setup.html", {
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(
            scale=4, title=_("QR code for your authenticator app")),
        "secret": second_factor.secret_of(device), **context}, error)


def _manage_page(request, error=None):
    return _render(request, "manage.html", {"codes_left": second_factor.recovery_codes_left(request.user)}, error)


@never_cache
@login_required
def setup(request):
    """The account's two-factor page; without an authenticator, the way to get one."""
    user = request.user
    if not second_factor.has_authenticator(user):
        return _needs_link(request)
    if not second_factor.is_verified(user):
        return redirect(f"{reverse('second_factor_verify')}?{urlencode({'next': _next(request)})}")
    return _manage_page(request)


@never_cache
@login_required
def enrol(request, token):
    try:
        services.usable_link(token, request.user)
    except services.SecondFactorError as refused:
        return _needs_link(request, str(refused))
    device = services.pending_authenticator(request.user, fresh=request.method == "GET")
    if request.method == "POST":
        try:
            codes = services.enrol(request, token, device, request.POST.get("token"))
        except services.SecondFactorError as refused:
            return _needs_link(request, str(refused))
        if codes is not None:
            return _render(request, "recovery_codes.html", {"codes": codes, "first_time": True})
        return _setup_page(request, device, _("That code is not right. Enter the 6-digit code your app shows now."))
    return _setup_page(request, device)


@never_cache
@login_required
def verify(request):
    if not second_factor.has_authenticator(request.user):
        return redirect(f"{reverse('second_factor_setup')}?{urlencode({'next': _next(request)})}")
    error = None
    if request.method == "POST":
        if second_factor.verify(request, request.POST.get("token", "")):
            return redirect(_next(request))
        error = _("That code is not right, or too many wrong codes were entered: wait a little and try again.")
    return _render(request, "verify.html", {}, error)


# The views below are under /admin/, so the middleware has already required a verified session
# (where the second factor is required); each still asks for a current code.

@never_cache
def replace(request):
    if not second_factor.has_authenticator(request.user):
        return redirect("second_factor_setup")
    device = services.pending_authenticator(request.user, fresh=request.method == "GET")
    if request.method == "POST":
        try:
            services.replace_authenticator(request, request.POST.get("current_token"), device,
                                           request.POST.get("token"))
        except services.SecondFactorError as refused:
            return _setup_page(request, device, str(refused), replacing=True)
        messages.success(request, _("Your new authenticator is registered. The earlier one no longer works."))
        return redirect("second_factor_setup")
    return _setup_page(request, device, replacing=True)


@never_cache
@require_POST
def remove(request):
    try:
        services.remove_second_factor(request.user, request.POST.get("current_token"))
    except services.SecondFactorError as refused:
        return _manage_page(request, str(refused))
    return redirect("second_factor_setup")


@never_cache
@require_POST
def new_recovery_codes(request):
    codes = services.regenerate_recovery_codes(request.user)
    messages.success(request, _("New recovery codes were issued. The earlier ones no longer work."))
    return _render(request, "recovery_codes.html", {"codes": codes, "first_time": False})


@never_cache
@access.require(access.may_issue_enrolment_links)
def issue_links(request):
    """Tokyo (and administrators) send a person the link to register their first authenticator."""
    error, status = None, None
    if request.method == "POST":
        username = request.POST.get("username", "").strip()
        # A user name is at most 150 characters and never holds a control character (PostgreSQL
        # refuses NUL in a query outright).
        plausible = username and len(username) <= 150 and username.isprintable()
        user = get_user_model().objects.filter(username=username).first() if plausible else None
        if user is None:
            error = _("There is no user with that user name.")
        elif not access.may_issue_enrolment_link(request.user, user):
            error, status = _("You cannot issue an enrolment link for this user."), 403
        else:
            try:
                link = services.issue_enrolment_link(user, by=request.user)
            except services.SecondFactorError as refused:
                error = str(refused)
            else:
                messages.success(request, _("An enrolment link was emailed to %(user)s. It expires on %(date)s.") % {
                    "user": user.get_username(),
                    "date": timezone.localtime(link.expires_at).strftime("%Y年%m月%d日 %H:%M")})
                return redirect("second_factor_issue_links")
    return TemplateResponse(request, TEMPLATES + "issue_links.html", {
        "error": error, "username": request.POST.get("username", ""),
        "links": services.recent_links()}, status=status or (400 if error else 200))
