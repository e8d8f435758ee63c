"""Admin of consultation windows: a tenant-scoped snippet viewset (each municipality keeps its own)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, PublishingPanel

from tenants.forms import MunicipalityOwnedForm
from tenants.viewsets import TenantSnippetViewSet

from ..models import ConsultationWindow


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
