"""Admin for agreements: metropolitan coordinators only; documents through a checked view."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from tenants import access
from tenants.admin_ui import AccessMenuItem
from tenants.date_entry import DateEntryField
from tenants.forms import MunicipalityOwnedForm
from tenants.uploads import UploadValidator
from tenants.viewsets import TenantSnippetChooserViewSet, TenantSnippetViewSet

from . import dashboard, services
from .models import Agreement, Prospect, ProspectFile, SiteVisit
from .views import ProspectEditView, ProspectIndexView, ProspectInspectView, change_prospect_stage


class AgreementViewSet(SnippetViewSet):
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


register_snippet(AgreementViewSet)


@access.metro_coordinator_required
def agreement_document(request, pk):
    agreement = get_object_or_404(Agreement, pk=pk)
    if not agreement.document:
        raise Http404
    return FileResponse(agreement.document.open("rb"), as_attachment=True,
                        filename=agreement.document.name.rsplit("/", 1)[-1])


@hooks.register("register_admin_urls")
def register_document_url():
    return [path("agreements/<int:pk>/document/", agreement_document, name="agreement_document")]


@hooks.register("register_log_actions")
def register_agreement_log_actions(actions):
    actions.register_action("tsunagu.agreement.renew", _("Renew agreement"), _("Agreement renewed"))
    actions.register_action("tsunagu.agreement.terminate", _("Terminate agreement"), _("Agreement terminated"))


class ProspectForm(MunicipalityOwnedForm):
    """Municipal coordinators propose candidates referred by their own municipality."""

    municipality_field = "referred_by"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and not access.is_metro_coordinator(self.for_user):
            self.fields["source"].choices = [(Prospect.Source.REFERRAL, Prospect.Source.REFERRAL.label)]
            self.fields["referred_by"].required = True
            for name in ("assigned_to",):
                self.fields.pop(name, None)


class ProspectViewSet(TenantSnippetViewSet):
    model = Prospect
    # The stage is changed on its own page (agreements.views), reached from these views' buttons.
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


register_snippet(ProspectViewSet)


@hooks.register("register_admin_urls")
def register_stage_url():
    return [path("pipeline/<int:pk>/stage/", change_prospect_stage, name="agreements_prospect_stage")]


class SiteVisitViewSet(SnippetViewSet):
    model = SiteVisit
    chooser_viewset_class = TenantSnippetChooserViewSet  # Tokyo only, as AgreementViewSet
    icon = "site"
    menu_label = _("Site visits")
    menu_order = 216
    add_to_admin_menu = True
    list_display = ["prospect", "visited_on", "result", "cooperating_group"]
    copy_view_enabled = False
    panels = [
        FieldPanel("prospect"), FieldRowPanel([FieldPanel("visited_on"), FieldPanel("result")]),
        FieldPanel("coordinators", widget=forms.CheckboxSelectMultiple),
        FieldPanel("cooperating_group"),
        MultiFieldPanel([FieldPanel(name) for name in SiteVisit.CHECKLIST], heading=_("Checklist")),
        FieldPanel("findings"),
    ]


register_snippet(SiteVisitViewSet)


@access.metro_coordinator_required
def pipeline_dashboard(request):
    counts = dashboard.stage_counts()
    return TemplateResponse(request, "agreements/admin/dashboard.html", {
        "counts": counts, "chart": dashboard.chart_bars(counts),
        "medians": dashboard.median_days_per_stage(),
        "expiring": dashboard.expiring_agreements(), "overdue": dashboard.overdue_prospects(),
        "in_progress": dashboard.prospects_in_progress(),
    })


@access.metro_coordinator_required
def pipeline_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pipeline.csv"'
    dashboard.write_pipeline_csv(response, bom=request.GET.get("bom") == "1")
    return response


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    return [path("pipeline/", pipeline_dashboard, name="agreements_dashboard"),
            path("pipeline/csv/", pipeline_csv, name="agreements_pipeline_csv")]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return AccessMenuItem(_("Pipeline dashboard"), reverse("agreements_dashboard"), access.is_metro_coordinator,
                          icon_name="table", order=214)


class RenewForm(forms.Form):
    number = forms.CharField(label=_("New agreement number"), max_length=30)
    signed_on = DateEntryField(label=_("Signed on"))
    valid_from = DateEntryField(label=_("Valid from"))
    valid_until = DateEntryField(label=_("Valid until"), required=False)
    document = forms.FileField(label=_("Signed document"), required=False, validators=[UploadValidator()])


class TerminateForm(forms.Form):
    on = DateEntryField(label=_("Terminated on"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


@access.metro_coordinator_required
def _agreement_action(request, pk, form_class, perform, title):
    agreement = get_object_or_404(Agreement.objects.select_related("organisation"), pk=pk)
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            perform(agreement, form.cleaned_data, request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("wagtailsnippets_agreements_agreement:list")
    return TemplateResponse(request, "agreements/admin/agreement_action.html",
                            {"agreement": agreement, "form": form, "title": title})


def renew_agreement(request, pk):
    def perform(agreement, data, user):
        services.renew(agreement, number=data["number"], signed_on=data["signed_on"],
                       valid_from=data["valid_from"], valid_until=data["valid_until"],
                       document=data["document"], user=user)
    return _agreement_action(request, pk, RenewForm, perform, _("Renew agreement"))


def terminate_agreement(request, pk):
    def perform(agreement, data, user):
        services.terminate(agreement, on=data["on"], reason=data["reason"], user=user)
    return _agreement_action(request, pk, TerminateForm, perform, _("Terminate agreement"))


@hooks.register("register_admin_urls")
def register_agreement_action_urls():
    return [path("agreements/<int:pk>/renew/", renew_agreement, name="agreement_renew"),
            path("agreements/<int:pk>/terminate/", terminate_agreement, name="agreement_terminate")]


@hooks.register("register_snippet_listing_buttons")
def agreement_action_buttons(snippet, user, next_url=None):
    from wagtail.admin.widgets import ListingButton

    if isinstance(snippet, Agreement) and access.is_metro_coordinator(user) and not snippet.terminated_on:
        yield ListingButton(_("Renew"), reverse("agreement_renew", args=[snippet.pk]), priority=30)
        yield ListingButton(_("Terminate"), reverse("agreement_terminate", args=[snippet.pk]), priority=31)


@access.metro_coordinator_required
def prospect_file(request, pk):
    item = get_object_or_404(ProspectFile, pk=pk)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.file.name.rsplit("/", 1)[-1])


@hooks.register("register_admin_urls")
def register_prospect_file_url():
    return [path("pipeline/files/<int:pk>/", prospect_file, name="agreements_prospect_file")]
