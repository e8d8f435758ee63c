"""Back-office views of agreements and the onboarding pipeline (metropolitan coordinators):
the stage change of a prospect, the stage buttons on its pages, the pipeline dashboard and its
CSV, renewal and termination, and the private files (served only through these views).

The stage change: one submit button per transition the current stage allows, so nothing is
preselected and a re-shown form offers the same buttons again. Declining and withdrawal end the
onboarding for good: they take a reason and a second, confirming step before
`services.change_stage` (the only code that moves a prospect) is asked."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.snippets.views import snippets

from tenants import access, audit

from . import services, stats
from .forms import CONFIRM_VALUE, RenewForm, StageChangeForm, TerminateForm
from .models import Agreement, Prospect, ProspectFile

def stage_url(prospect):
    return reverse("agreements_prospect_stage", args=[prospect.pk])


class ProspectStageView(access.RequireMixin, WagtailAdminTemplateMixin, View):
    required = access.is_metro_coordinator
    template_name = "agreements/admin/prospect_stage.html"
    confirm_template_name = "agreements/admin/prospect_stage_confirm.html"
    page_title = gettext_lazy("Change stage")
    header_icon = "list-ul"

    def dispatch(self, request, pk):
        self.prospect = get_object_or_404(Prospect.objects.select_related("organisation"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.prospect)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailsnippets_agreements_prospect:list"),
             "label": capfirst(Prospect._meta.verbose_name_plural)},
            {"url": reverse("wagtailsnippets_agreements_prospect:inspect", args=[self.prospect.pk]),
             "label": str(self.prospect)},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.prospect)},
        ]

    def get(self, request, pk):
        return self.render(StageChangeForm(self.prospect))

    def post(self, request, pk):
        form = StageChangeForm(self.prospect, request.POST)
        if not form.is_valid():
            return self.render(form.for_confirmation() if form.ending else form,
                               confirming=bool(form.ending))
        action = form.cleaned_data["action"]
        if form.ending and not form.confirmed:
            return self.render(form.for_confirmation(), confirming=True)
        try:
            services.change_stage(self.prospect, action, user=request.user, note=form.cleaned_data["note"],
                         agreement=form.cleaned_data.get("agreement"))
        except ValidationError as error:
            form.add_error(None, error)
            return self.render(form)
        messages.success(request, _("The stage was changed."))
        return redirect(stage_url(self.prospect))

    def render(self, form, confirming=False):
        context = self.get_context_data(prospect=self.prospect, form=form)
        if confirming:
            action = form.cleaned_data["action"]
            target = Prospect.Stage.DECLINED if action == "decline" else Prospect.Stage.WITHDRAWN
            context.update(action=action, action_label=Prospect.ACTION_LABELS[action],
                           target_label=target.label, confirm_value=CONFIRM_VALUE)
            return TemplateResponse(self.request, self.confirm_template_name, context)
        context.update(
            history=self.prospect.history.select_related("user"),
            site_visits=self.prospect.site_visits.select_related("cooperating_group"),
        )
        return TemplateResponse(self.request, self.template_name, context)


change_prospect_stage = ProspectStageView.as_view()


class StageButtonMixin:
    """A "change stage" header button for those who may change it (the metropolitan coordinators);
    anyone else who may see the prospect sees no such button."""

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if access.is_metro_coordinator(self.request.user):
            buttons.append(HeaderButton(_("Change stage"), url=stage_url(self.object), icon_name="arrow-right"))
        return buttons


class ProspectInspectView(StageButtonMixin, snippets.InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None else value  # Wagtail would print "None" for an empty link


class ProspectEditView(StageButtonMixin, snippets.EditView):
    pass


class ProspectIndexView(snippets.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if access.is_metro_coordinator(self.request.user):
            buttons.append(ListingButton(
                _("Change stage"), url=stage_url(instance), priority=5,
                attrs={"aria-label": _("Change the stage of “%(prospect)s”") % {"prospect": instance}}))
        return buttons


@access.metro_coordinator_required
def agreement_document(request, pk):
    agreement = get_object_or_404(Agreement, pk=pk)
    if not agreement.document:
        raise Http404
    return FileResponse(agreement.document.open("rb"), as_attachment=True,
                        filename=agreement.document.name.rsplit("/", 1)[-1])


@access.metro_coordinator_required
def pipeline_dashboard(request):
    counts = stats.stage_counts()
    return TemplateResponse(request, "agreements/admin/dashboard.html", {
        "counts": counts, "chart": stats.chart_bars(counts),
        "medians": stats.median_days_per_stage(),
        "expiring": stats.expiring_agreements(), "overdue": stats.overdue_prospects(),
        "in_progress": stats.prospects_in_progress(),
    })


@access.metro_coordinator_required
def pipeline_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pipeline.csv"'
    stats.write_pipeline_csv(response, bom=request.GET.get("bom") == "1")
    audit.record_export("pipeline.csv", by=request.user)
    return response


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


@access.metro_coordinator_required
def prospect_file(request, pk):
    item = get_object_or_404(ProspectFile, pk=pk)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.file.name.rsplit("/", 1)[-1])


def agreement_action_buttons(snippet, user, next_url=None):
    from wagtail.admin.widgets import ListingButton

    if isinstance(snippet, Agreement) and access.is_metro_coordinator(user) and not snippet.terminated_on:
        yield ListingButton(_("Renew"), reverse("agreement_renew", args=[snippet.pk]), priority=30)
        yield ListingButton(_("Terminate"), reverse("agreement_terminate", args=[snippet.pk]), priority=31)
