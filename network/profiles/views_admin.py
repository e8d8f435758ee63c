"""Admin screens around a partner group's profile: its editors and invitations (metropolitan
coordinators), the yearly "still correct" confirmation (the group's editors), the buttons that
lead there from the organisation listing and the editor's dashboard panel of their profiles."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button

from tenants import access
from tenants.admin_ui import posted_id
from tenants.jpdates import person_name

from ..models import EditorInvitation, Organisation
from .forms import InvitationForm
from .services import InvitationError, confirm_profile, editors_of, invite, revoke_editor, revoke_invitation


def _editable_organisation(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    if not access.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    return organisation


def organisation_editors(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    if not access.can_manage_organisation_editors(request.user, organisation):
        raise PermissionDenied
    form = InvitationForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "invite":
            form = InvitationForm(request.POST)
            if form.is_valid():
                try:
                    invitation = invite(organisation, form.cleaned_data["email"], request.user,
                                                    name=form.cleaned_data["name"])
                except InvitationError as error:
                    form.add_error("email", str(error))
                else:
                    messages.success(request, _("An invitation was sent to %(email)s.") % {"email": invitation.email})
                    return redirect("network_organisation_editors", pk=organisation.pk)
        elif action == "revoke_invitation":
            invitation = get_object_or_404(EditorInvitation, pk=posted_id(request, "invitation"),
                                           organisation=organisation)
            revoke_invitation(invitation)
            messages.success(request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email})
            return redirect("network_organisation_editors", pk=organisation.pk)
        elif action == "remove_editor":
            editor = get_object_or_404(editors_of(organisation), pk=posted_id(request, "user"))
            revoke_editor(organisation, editor, by=request.user)
            messages.success(request, _("%(name)s can no longer edit this profile.") % {
                "name": person_name(editor)})
            return redirect("network_organisation_editors", pk=organisation.pk)
    return TemplateResponse(request, "network/admin/organisation_editors.html", {
        "organisation": organisation, "editors": editors_of(organisation), "form": form,
        "invitations": organisation.invitations.select_related("invited_by", "accepted_by")[:50],
    })


def confirm_organisation_profile(request, pk):
    organisation = _editable_organisation(request, pk)
    if request.method == "POST":
        confirm_profile(organisation, request.user)
        messages.success(request, _("Thank you. The profile of %(organisation)s is confirmed as correct.") % {
            "organisation": organisation})
        return redirect("wagtailsnippets_network_organisation:list")
    return TemplateResponse(request, "network/admin/confirm_profile.html", {
        "organisation": organisation,
        "edit_url": reverse("wagtailsnippets_network_organisation:edit", args=[organisation.pk]),
        "public_url": reverse("organisation_detail", args=[organisation.pk]) if organisation.live else None,
    })


def organisation_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Organisation):
        return []
    buttons = []
    if access.can_edit_organisation(user, snippet):
        buttons.append(Button(_("Confirm still correct"), reverse("network_confirm_profile", args=[snippet.pk]),
                              icon_name="tick", priority=30))
    if access.can_manage_organisation_editors(user, snippet):
        buttons.append(Button(_("Editors and invitations"), reverse("network_organisation_editors", args=[snippet.pk]),
                              icon_name="user", priority=40))
    return buttons


class MyOrganisationsPanel(Component):
    """On a partner-group editor's dashboard: their profiles, review state and last check."""

    name = "my_organisations"
    order = 50
    template_name = "network/admin/my_organisations_panel.html"

    def __init__(self, organisations):
        self.organisations = organisations

    def get_context_data(self, parent_context=None):
        return {"organisations": self.organisations}


def add_my_organisations_panel(request, panels):
    if access.is_metro_coordinator(request.user):
        return
    organisations = list(access.organisations_for(request.user).order_by("name_kana"))
    if organisations:
        panels.append(MyOrganisationsPanel(organisations))
