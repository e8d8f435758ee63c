"""The Wagtail snippet viewsets of agreements, candidates (the pipeline) and site visits."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from tenants.admin_display import ShownValuesViewSetMixin
from tenants.viewsets import TenantSnippetChooserViewSet, TenantSnippetViewSet

from .forms import ProspectForm, SiteVisitForm
from .models import Agreement, Prospect, SiteVisit
from .views_admin import ProspectEditView, ProspectIndexView, ProspectInspectView

class AgreementViewSet(ShownValuesViewSetMixin, SnippetViewSet):
    model = Agreement
    # Wagtail's snippet chooser lists every object to anyone in the admin; this one asks the
    # model permissions (Tokyo only), like the rest of the viewset.
    chooser_viewset_class = TenantSnippetChooserViewSet
    icon = "doc-full"
    menu_label = _("Agreements")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["number", "organisation", "valid_from", "valid_until",
                    Column("get_status_display", label=_("Status"))]
    search_fields = ["number"]
    inspect_view_enabled = True
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("organisation")]),
        FieldRowPanel([FieldPanel("signed_on"), FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldPanel("document"),
        FieldPanel("commitments"),
        FieldPanel("note"),
    ]
    # Termination and renewal are state changes: they go through agreements.services from the
    # agreement's own pages (renew / terminate), never through the edit form.


class ProspectViewSet(TenantSnippetViewSet):
    model = Prospect
    # The stage is changed on its own page (agreements.views_admin), reached from these views' buttons.
    index_view_class = ProspectIndexView
    edit_view_class = ProspectEditView
    inspect_view_class = ProspectInspectView
    icon = "list-ul"
    menu_label = _("Onboarding pipeline")
    menu_order = 215
    add_to_admin_menu = True
    list_display = ["organisation", Column("get_stage_display", label=_("Stage")), "source",
                    "referred_by", "next_step_on"]
    list_filter = ["stage", "source"]
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_handler = ObjectList([
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("referred_by")]),
        FieldPanel("assigned_to", permission="agreements.change_prospect"),
        FieldRowPanel([FieldPanel("next_step"), FieldPanel("next_step_on")]),
        FieldPanel("notes"),
        InlinePanel("files", heading=_("Files"), label=_("File")),
    ], base_form_class=ProspectForm)
    inspect_view_fields = ["organisation", "stage", "source", "referred_by", "next_step", "next_step_on"]


class SiteVisitViewSet(ShownValuesViewSetMixin, SnippetViewSet):
    model = SiteVisit
    chooser_viewset_class = TenantSnippetChooserViewSet  # Tokyo only, as AgreementViewSet
    icon = "site"
    menu_label = _("Site visits")
    menu_order = 216
    add_to_admin_menu = True
    list_display = ["prospect", "visited_on", "result", "cooperating_group"]
    copy_view_enabled = False
    edit_handler = ObjectList([
        FieldPanel("prospect"), FieldRowPanel([FieldPanel("visited_on"), FieldPanel("result")]),
        FieldPanel("coordinators", widget=forms.CheckboxSelectMultiple),
        FieldPanel("cooperating_group"),
        MultiFieldPanel([FieldPanel(name) for name in SiteVisit.CHECKLIST], heading=_("Checklist")),
        FieldPanel("findings"),
    ], base_form_class=SiteVisitForm)
