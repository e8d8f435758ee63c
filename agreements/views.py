"""The stage change of a prospect, as the metropolitan coordinators meet it in the admin.

One submit button per transition the current stage allows, so nothing is preselected and a
re-shown form offers the same buttons again. Declining and withdrawal end the onboarding for
good: they take a reason and a second, confirming step before `pipeline.change_stage` (the only
code that moves a prospect) is asked."""

import unicodedata

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from django_fsm import can_proceed
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.snippets.views import snippets

from tenants import access

from .models import Agreement, Prospect
from .pipeline import ACTIONS, change_stage, refusal

# Forward along the pipeline first, then the side exits; the ending ones last.
ACTION_ORDER = ["schedule_hearing", "record_site_visit", "draft_agreement", "sign",
                "resume", "hold", "decline", "withdraw"]
ENDING_ACTIONS = {"decline", "withdraw"}  # no way back: a reason and a confirmation first
CONFIRM_VALUE = "yes"
CONTROL_CHARACTERS = gettext_lazy("Remove the control characters (invisible codes) from the text.")


def refuse_control_characters(value):
    """History notes are shown and exported as text. NUL is already refused by Django's validator
    on every CharField; its ja message ("enter some character") misleads, so the field words it."""
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\x00" for c in value):
        raise ValidationError(CONTROL_CHARACTERS, code="control_characters")


def offered_actions(prospect):
    """The transitions django-fsm declares from the prospect's current stage, guards not yet asked."""
    return [a for a in ACTION_ORDER if getattr(prospect, a)._django_fsm.has_transition(prospect.stage)]


def stage_url(prospect):
    return reverse("agreements_prospect_stage", args=[prospect.pk])


class StageChangeForm(forms.Form):
    """`action` comes from the submit button pressed (name="action"), never from a preselected
    choice; `confirm` from the confirming step's button."""

    action = forms.CharField(required=False)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           validators=[refuse_control_characters],
                           error_messages={"null_characters_not_allowed": CONTROL_CHARACTERS})
    agreement = forms.ModelChoiceField(
        label=gettext_lazy("Signed agreement (for “Agreement signed”)"), queryset=Agreement.objects.none(),
        required=False, help_text=gettext_lazy("Registered with its signing date, start date and signed document."))

    def __init__(self, prospect, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prospect = prospect
        self.actions = offered_actions(prospect)
        if "sign" in self.actions:
            self.fields["agreement"].queryset = Agreement.objects.filter(
                organisation=prospect.organisation, prospect__isnull=True)
        else:
            del self.fields["agreement"]

    def clean_action(self):
        action = self.cleaned_data["action"]
        if not action:
            raise ValidationError(_("Choose the stage change with one of its buttons."))
        if action not in ACTIONS:
            raise ValidationError(_("Unknown stage change."))
        if action not in self.actions:
            raise ValidationError(refusal(self.prospect, action))
        return action

    @property
    def ending(self):
        """The valid ending action asked for (decline, withdraw), or None."""
        action = self.cleaned_data.get("action") if hasattr(self, "cleaned_data") else None
        return action if action in ENDING_ACTIONS else None

    @property
    def confirmed(self):
        return self.data.get("confirm") == CONFIRM_VALUE

    def clean(self):
        data = super().clean()
        if self.ending and self.confirmed and not data.get("note"):
            self.add_error("note", _("Give the reason: declining and withdrawal are recorded with one."))
        return data

    def for_confirmation(self):
        """The confirming step asks for the note as the reason, and requires it."""
        self.fields["note"].required = True
        self.fields["note"].label = self["note"].label = _("Reason")  # the bound field keeps its own copy
        return self

    def buttons(self):
        """One per offered action, with why it cannot happen yet when a guard is not met."""
        rows = []
        for action in self.actions:
            blocked = not can_proceed(getattr(self.prospect, action), check_conditions=True)
            if action == "sign":  # the agreement is chosen with the button; a hint only when there is none
                blocked = blocked and not self.fields["agreement"].queryset.exists()
            rows.append({"action": action, "label": Prospect.ACTION_LABELS[action],
                         "ending": action in ENDING_ACTIONS,
                         "hint": refusal(self.prospect, action) if blocked else ""})
        return rows


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
            change_stage(self.prospect, action, user=request.user, note=form.cleaned_data["note"],
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
