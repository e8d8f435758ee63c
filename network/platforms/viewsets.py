"""Admin of a municipality's platform members (tenant-scoped: each municipality keeps its own)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList

from tenants.viewsets import TenantModelViewSet

from ..models import PlatformMembership
from .forms import PlatformMembershipForm


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
