"""Admin for the support network: consultation windows (per municipality), organisations."""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, PublishingPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from tenants import access
from tenants.forms import MunicipalityOwnedForm
from tenants.viewsets import TenantSnippetViewSet

from . import admin_views
from .models import ConsultationWindow, Organisation


class ConsultationWindowViewSet(TenantSnippetViewSet):
    model = ConsultationWindow
    icon = "help"
    menu_label = _("Consultation windows")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "municipality", "department", "live"]
    list_filter = ["municipality__area", "accepts_visit_applications", "live"]
    search_fields = ["name", "department", "target"]
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


class OrganisationViewSet(SnippetViewSet):
    """The support directory, kept by the metropolitan coordinators (not tenant-owned)."""

    model = Organisation
    icon = "group"
    menu_label = _("Support organisations")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "base_municipality", "live"]
    list_filter = ["kind", "support_types", "live"]
    search_fields = ["name", "name_kana"]
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
        PublishingPanel(),
    ])


register_snippet(OrganisationViewSet)


@hooks.register("register_admin_urls")
def register_window_import_url():
    return [path("windows/import/", admin_views.import_windows, name="network_window_import")]


class MetroOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_metro_coordinator(request.user)


@hooks.register("register_admin_menu_item")
def register_window_import_menu_item():
    return MetroOnlyMenuItem(_("Import consultation windows"), reverse("network_window_import"),
                             icon_name="upload", order=205)
