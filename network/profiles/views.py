"""The page an invited editor opens from the email: set a password, land on the profile."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from tenants import second_factor, second_factor_services, throttle
from tenants.throttle import challenge

from . import services
from .forms import AccountForm


def _landing(invitation):
    return reverse("wagtailsnippets_network_organisation:edit", args=[invitation.organisation_id])


def _first_authenticator_or(invitation, user, landing):
    """A new editor registers an authenticator straight away: the invitation link, emailed by a
    metropolitan coordinator, proved the address just as an enrolment link would, so one is
    handed over here rather than emailed."""
    if second_factor.has_authenticator(user):
        return landing
    link = second_factor_services.issue_link_for_invitation(user, invitation.invited_by)
    return (reverse("second_factor_enrol", args=[second_factor_services.token_for(link)]) + "?"
            + urlencode({"next": landing}))


@never_cache
@sensitive_post_parameters("password1", "password2")
@throttle.limited("invitation", methods=("GET", "POST"))  # every try of a token counts
def accept_invitation(request, token):
    try:
        invitation = services.usable_invitation(token)
    except services.InvitationError as error:
        return TemplateResponse(request, "network/invitation.html", {"error": str(error)}, status=410)
    from django.contrib.auth import get_user_model

    existing = get_user_model().objects.filter(email__iexact=invitation.email).first()
    signed_in_as_invitee = (request.user.is_authenticated and request.user.email.lower() == invitation.email.lower())
    form = AccountForm(email=invitation.email)
    if throttle.challenged(request):
        challenge.require(form)
    if request.method == "POST":
        try:
            if signed_in_as_invitee:
                invitation, user = services.accept_invitation(token, user=request.user)
            elif existing is None:
                form = AccountForm(request.POST, email=invitation.email)
                if throttle.challenged(request):
                    challenge.require(form)
                if form.is_valid():
                    invitation, user = services.accept_invitation(token, name=form.cleaned_data["name"],
                                                          password=form.cleaned_data["password1"])
                    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                else:
                    user = None
            else:
                raise services.InvitationError(
                    _("An account with this email address exists. Sign in first, then open the link again."))
        except services.InvitationError as error:
            return TemplateResponse(request, "network/invitation.html", {"error": str(error)}, status=410)
        if user is not None:
            messages.success(request, _("Welcome. You can now edit the profile of %(organisation)s.") % {
                "organisation": invitation.organisation})
            return redirect(_first_authenticator_or(invitation, user, _landing(invitation)))
    return TemplateResponse(request, "network/invitation.html", {
        "invitation": invitation, "form": form, "signed_in_as_invitee": signed_in_as_invitee,
        "needs_sign_in": existing is not None and not signed_in_as_invitee,
        "login_url": reverse("wagtailadmin_login") + "?next=" + request.path,
    })
