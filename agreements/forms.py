"""Forms of the back office: a candidate (by a municipality or Tokyo), its stage change, and an
agreement's renewal and termination."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import can_proceed
from wagtail.admin.forms import WagtailAdminModelForm

from tenants import access, input_guard, people
from tenants.date_entry import DateEntryField
from tenants.forms import MunicipalityOwnedForm
from tenants.uploads import UploadValidator

from .models import Agreement, Prospect
from .services import ACTIONS, refusal

# Forward along the pipeline first, then the side exits; the ending ones last.
ACTION_ORDER = ["schedule_hearing", "record_site_visit", "draft_agreement", "sign",
                "resume", "hold", "decline", "withdraw"]
ENDING_ACTIONS = {"decline", "withdraw"}  # no way back: a reason and a confirmation first
CONFIRM_VALUE = "yes"
CONTROL_CHARACTERS = gettext_lazy("Remove the control characters (invisible codes) from the text.")


def refuse_control_characters(value):
    """History notes are shown and exported as text. NUL is already refused by Django's validator
    on every CharField; its ja message ("enter some character") misleads, so the field words it."""
    if input_guard.find_control(value.replace("\x00", "")):
        raise ValidationError(CONTROL_CHARACTERS, code="control_characters")


def offered_actions(prospect):
    """The transitions django-fsm declares from the prospect's current stage, guards not yet asked."""
    return [a for a in ACTION_ORDER if getattr(prospect, a)._django_fsm.has_transition(prospect.stage)]


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
        if "assigned_to" in self.fields:
            people.as_coordinator_picker(self.fields["assigned_to"], metro_only=True)


class SiteVisitForm(WagtailAdminModelForm):
    """The coordinators present are picked by name and role among the coordinators."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "coordinators" in self.fields:
            people.as_coordinator_picker(self.fields["coordinators"])


class RenewForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("New agreement number"), max_length=30)
    signed_on = DateEntryField(label=gettext_lazy("Signed on"))
    valid_from = DateEntryField(label=gettext_lazy("Valid from"))
    valid_until = DateEntryField(label=gettext_lazy("Valid until"), required=False)
    document = forms.FileField(label=gettext_lazy("Signed document"), required=False, validators=[UploadValidator()])


class TerminateForm(forms.Form):
    on = DateEntryField(label=gettext_lazy("Terminated on"))
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
