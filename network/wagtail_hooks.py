"""Admin for the support network: consultation windows (per municipality), organisations."""

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, PublishingPanel,
)
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as snippet_chooser

from tenants import access
from tenants.admin_ui import AccessMenuItem
from tenants.forms import MunicipalityOwnedForm
from tenants.viewsets import TenantModelViewSet, TenantSnippetViewSet

from . import admin_views, profile_admin
from .forms import OrganisationProfileForm, PlatformMembershipForm
from .models import ConsultationWindow, Organisation, PlatformMembership


class ConsultationWindowViewSet(TenantSnippetViewSet):
    model = ConsultationWindow
    icon = "help"
    menu_label = _("Consultation windows")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "municipality", "department", "live"]
    list_filter = ["municipality__area", "accepts_visit_applications", "live"]
    search_fields = ["name", "department", "target"]
    search_backend_name = None  # database substring search (see OrganisationViewSet)
    list_per_page = 50
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_handler = ObjectList([
        FieldPanel("municipality"),
        FieldPanel("name"),
        MultiFieldPanel([
            FieldPanel("department"),
            FieldRowPanel([FieldPanel("run_by_contractor"), FieldPanel("contractor")]),
        ], heading=_("Who runs it")),
        MultiFieldPanel([
            FieldPanel("target"),
            FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
        ], heading=_("Who can consult")),
        FieldPanel("methods", widget=forms.CheckboxSelectMultiple),
        FieldPanel("hours"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("url"),
        FieldPanel("accepts_visit_applications"),
        FieldPanel("sort_order"),
        PublishingPanel(),
    ], base_form_class=MunicipalityOwnedForm)


register_snippet(ConsultationWindowViewSet)


class OrganisationChooseMixin:
    def get_object_list(self):
        return access.choosable_organisations(self.request.user)


class OrganisationChooseView(OrganisationChooseMixin, snippet_chooser.ChooseView):
    pass


class OrganisationChooseResultsView(OrganisationChooseMixin, snippet_chooser.ChooseResultsView):
    pass


class OrganisationChosenView(snippet_chooser.SnippetChosenView):
    def get_object(self, pk):
        return get_object_or_404(access.choosable_organisations(self.request.user), pk=pk)


class OrganisationChosenMultipleView(snippet_chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        pks = [pk for pk in pks if str(pk).isascii() and str(pk).isdigit()]
        return access.choosable_organisations(self.request.user).filter(pk__in=pks)


class OrganisationChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    """Referring to an organisation is open to staff for published ones (tenants.access)."""

    choose_view_class = OrganisationChooseView
    choose_results_view_class = OrganisationChooseResultsView
    chosen_view_class = OrganisationChosenView
    chosen_multiple_view_class = OrganisationChosenMultipleView


class OrganisationViewSet(TenantSnippetViewSet):
    """The support directory. Metropolitan coordinators keep every profile; a partner group's
    editors see and edit only their own (network.policies, through the tenant-safe views), and
    their changes go through the review workflow (network.provisioning)."""

    model = Organisation
    chooser_viewset_class = OrganisationChooserViewSet
    icon = "group"
    menu_label = _("Support organisations")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "base_municipality", "live", "confirmed_at"]
    list_filter = ["kind", "support_types", "live"]
    search_fields = ["name", "name_kana"]
    # Substring search in the database: the search index holds Japanese bigrams, which a plain
    # admin query would not match.
    search_backend_name = None
    list_per_page = 50
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_handler = ObjectList([
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_kana")]),
        FieldRowPanel([FieldPanel("legal_form"), FieldPanel("kind")]),
        FieldPanel("support_types", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("for_person"), FieldPanel("for_family"), FieldPanel("for_supporters")]),
            FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
        ], heading=_("Who it is for")),
        FieldPanel("base_municipality"),
        FieldPanel("municipalities_served", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("activity_days"), FieldPanel("activity_places")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("url"),
        FieldPanel("description"),
        MultiFieldPanel([
            FieldPanel("logo"),
            InlinePanel("photos", label=_("Photos"), max_num=6),
        ], heading=_("Logo and photos")),
        PublishingPanel(),
    ], base_form_class=OrganisationProfileForm)


register_snippet(OrganisationViewSet)


@hooks.register("register_admin_urls")
def register_profile_urls():
    return [
        path("organisations/<int:pk>/editors/", profile_admin.organisation_editors,
             name="network_organisation_editors"),
        path("organisations/<int:pk>/confirm/", profile_admin.confirm_organisation_profile,
             name="network_confirm_profile"),
    ]


@hooks.register("register_snippet_listing_buttons")
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


@hooks.register("register_log_actions")
def register_profile_log_actions(actions):
    actions.register_action("tsunagu.editor_granted", _("Grant editor"), _("Editor granted"))
    actions.register_action("tsunagu.editor_revoked", _("Remove editor"), _("Editor removed"))
    actions.register_action("tsunagu.profile_confirmed", _("Confirm profile"), _("Profile confirmed as correct"))


class MyOrganisationsPanel(Component):
    """On a partner-group editor's dashboard: their profiles, review state and last check."""

    name = "my_organisations"
    order = 50
    template_name = "network/admin/my_organisations_panel.html"

    def __init__(self, organisations):
        self.organisations = organisations

    def get_context_data(self, parent_context=None):
        return {"organisations": self.organisations}


@hooks.register("construct_homepage_panels")
def add_my_organisations_panel(request, panels):
    if access.is_metro_coordinator(request.user):
        return
    organisations = list(access.organisations_for(request.user).order_by("name_kana"))
    if organisations:
        panels.append(MyOrganisationsPanel(organisations))


class PlatformMembershipViewSet(TenantModelViewSet):
    """Each municipality's coordinators keep their own platform's member list."""

    model = PlatformMembership
    icon = "group"
    menu_label = _("Platform members")
    menu_order = 215
    add_to_admin_menu = True
    list_display = ["__str__", "role", "municipality", "joined_on", "left_on", "listed_publicly"]
    list_filter = ["role", "listed_publicly"]
    search_fields = ["name", "organisation__name", "contact_person"]
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList([
        FieldPanel("municipality"),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("name")]),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("contact_person"), FieldPanel("contact_email")]),
        FieldRowPanel([FieldPanel("joined_on"), FieldPanel("left_on")]),
        FieldPanel("listed_publicly"),
        FieldPanel("staff", widget=forms.CheckboxSelectMultiple),
    ], base_form_class=PlatformMembershipForm)


@hooks.register("register_admin_viewset")
def register_platform_membership_viewset():
    return PlatformMembershipViewSet("platform_members")


@hooks.register("register_admin_urls")
def register_window_import_url():
    return [path("windows/import/", admin_views.import_windows, name="network_window_import")]


@hooks.register("register_admin_menu_item")
def register_window_import_menu_item():
    return AccessMenuItem(_("Import consultation windows"), reverse("network_window_import"),
                          access.is_metro_coordinator, icon_name="upload", order=205)


@hooks.register("register_admin_urls")
def register_case_urls():
    from .cases.views_admin import casereviews, consents, referrals

    return [
        path("cases/", casereviews.case_list, name="case_list"),
        path("cases/new/", casereviews.case_new, name="case_new"),
        path("cases/log/", casereviews.access_log, name="case_access_log"),
        path("cases/<int:pk>/", casereviews.case_detail, name="case_detail"),
        path("cases/<int:pk>/edit/", casereviews.case_edit, name="case_edit"),
        path("cases/<int:pk>/export/", casereviews.case_export, name="case_export"),
        path("cases/<int:pk>/participants/", casereviews.case_participants, name="case_participants"),
        path("cases/<int:pk>/actions/", casereviews.case_action, name="case_action"),
        path("cases/<int:pk>/close/", casereviews.case_close, name="case_close"),
        path("cases/<int:pk>/consents/new/", consents.consent_new, name="consent_new"),
        path("cases/<int:pk>/consents/<int:consent_id>/scan/", consents.consent_scan, name="consent_scan"),
        path("cases/<int:pk>/consents/<int:consent_id>/withdraw/", consents.consent_withdraw, name="consent_withdraw"),
        path("cases/<int:pk>/referrals/new/", referrals.referral_new, name="referral_new"),
        path("referrals/<int:pk>/", referrals.referral_detail, name="referral_detail"),
    ]


@hooks.register("register_admin_menu_item")
def register_case_menu_item():
    return AccessMenuItem(_("Case reviews"), reverse("case_list"), access.may_use_cases, icon_name="lock", order=216)
