"""The page an invited editor opens from the email: set a password, land on the profile."""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from . import invitations


class AccountForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=100,
                           help_text=gettext_lazy("Family name, a space, then given name (e.g. 山田 花子)."))
    password1 = forms.CharField(label=gettext_lazy("Password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=password_validators_help_text_html())
    password2 = forms.CharField(label=gettext_lazy("Password (again)"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, email="", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords do not match."))
        elif first:
            from django.contrib.auth import get_user_model

            probe = get_user_model()(username=self.email, email=self.email)
            try:
                validate_password(first, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


def _landing(invitation):
    return reverse("wagtailsnippets_network_organisation:edit", args=[invitation.organisation_id])


@never_cache
@sensitive_post_parameters("password1", "password2")
def accept_invitation(request, token):
    try:
        invitation = invitations.usable_invitation(token)
    except invitations.InvitationError as error:
        return TemplateResponse(request, "network/invitation.html", {"error": str(error)}, status=410)
    from django.contrib.auth import get_user_model

    existing = get_user_model().objects.filter(email__iexact=invitation.email).first()
    signed_in_as_invitee = (request.user.is_authenticated and request.user.email.lower() == invitation.email.lower())
    form = AccountForm(email=invitation.email)
    if request.method == "POST":
        try:
            if signed_in_as_invitee:
                invitation, user = invitations.accept(token, user=request.user)
            elif existing is None:
                form = AccountForm(request.POST, email=invitation.email)
                if form.is_valid():
                    invitation, user = invitations.accept(token, name=form.cleaned_data["name"],
                                                          password=form.cleaned_data["password1"])
                    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                else:
                    user = None
            else:
                raise invitations.InvitationError(
                    _("An account with this email address exists. Sign in first, then open the link again."))
        except invitations.InvitationError as error:
            return TemplateResponse(request, "network/invitation.html", {"error": str(error)}, status=410)
        if user is not None:
            messages.success(request, _("Welcome. You can now edit the profile of %(organisation)s.") % {
                "organisation": invitation.organisation})
            return redirect(_landing(invitation))
    return TemplateResponse(request, "network/invitation.html", {
        "invitation": invitation, "form": form, "signed_in_as_invitee": signed_in_as_invitee,
        "needs_sign_in": existing is not None and not signed_in_as_invitee,
        "login_url": reverse("wagtailadmin_login") + "?next=" + request.path,
    })
