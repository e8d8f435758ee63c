"""Forms of the case-review screens. They parse and check input only; network.cases.services
(casereviews, consents, referrals) decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.date_entry import DateEntryField
from tenants.jpdates import person_name

from ..models import CaseReview, Category, Consent, ShareItem
from ..models.platforms import current_members
from .pii import personal_data_in
from .services.casereviews import eligible_participants
from .services.consents import recipient_choices


class PersonalDataCheck:
    """Warn when free text looks like a phone number, email or address; the author either removes
    it or confirms, in a second submit, that no one can be identified from it."""

    pii_fields = ()

    def add_confirmation_field(self):
        self.fields["no_personal_data"] = forms.BooleanField(
            label=_("I have checked: this text identifies no one (no names, phone numbers, emails or addresses)."),
            required=False)

    def check_personal_data(self, cleaned):
        found = personal_data_in(*(cleaned.get(name, "") for name in self.pii_fields))
        self.personal_data_found = found
        if found and not cleaned.get("no_personal_data"):
            message = _("This text seems to contain %(what)s. Case records must not identify a person: remove "
                        "it, or tick the confirmation if it is not personal data.") % {
                "what": "、".join(str(label) for label in found)}
            self.add_error(self.pii_fields[0], message)


class CaseForm(PersonalDataCheck, forms.Form):
    pii_fields = ("summary",)

    municipality = forms.ModelChoiceField(queryset=None, label=_("Municipality"), empty_label=None)
    held_on = DateEntryField(label=_("Date of the review"))
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=CaseReview.LegalBasis.choices,
                                    widget=forms.RadioSelect)
    categories = forms.MultipleChoiceField(label=_("Categories"), choices=Category.choices,
                                           widget=forms.CheckboxSelectMultiple)
    summary = forms.CharField(label=_("Situation summary"), widget=forms.Textarea(attrs={"rows": 8}),
                              required=False,
                              help_text=_("No names, addresses or contact details: use the case code."))
    next_review_on = DateEntryField(label=_("Next review"), required=False)

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if municipalities is None:  # editing: the municipality and the legal basis are fixed
            del self.fields["municipality"]
            del self.fields["legal_basis"]
        else:
            self.fields["municipality"].queryset = municipalities
        self.add_confirmation_field()

    def clean(self):
        cleaned = super().clean()
        held, following = cleaned.get("held_on"), cleaned.get("next_review_on")
        if held and following and following < held:
            self.add_error("next_review_on", _("The next review cannot come before this one."))
        self.check_personal_data(cleaned)
        return cleaned


class AgreedActionForm(PersonalDataCheck, forms.Form):
    pii_fields = ("action",)

    member = forms.ModelChoiceField(queryset=None, label=_("Organisation"))
    action = forms.CharField(label=_("Agreed action"), widget=forms.Textarea(attrs={"rows": 2}))
    due_on = DateEntryField(label=_("Due date"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = current_members(case.municipality).select_related("organisation")
        self.add_confirmation_field()

    def clean(self):
        cleaned = super().clean()
        self.check_personal_data(cleaned)
        return cleaned


class ParticipantForm(forms.Form):
    user = forms.ModelChoiceField(queryset=None, label=_("Platform member"))
    may_change = forms.BooleanField(label=_("May also edit the record"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = eligible_participants(case)
        self.fields["user"].label_from_instance = person_name


class ConsentForm(PersonalDataCheck, forms.Form):
    pii_fields = ("purpose",)

    given_by = forms.ChoiceField(label=_("Given by"), choices=Consent.GivenBy.choices, widget=forms.RadioSelect)
    items = forms.MultipleChoiceField(label=_("Information covered"), choices=ShareItem.choices,
                                      widget=forms.CheckboxSelectMultiple)
    recipients = forms.ModelMultipleChoiceField(queryset=None, label=_("Receiving organisations"),
                                                widget=forms.CheckboxSelectMultiple)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}))
    given_on = DateEntryField(label=_("Date of consent"))
    method = forms.ChoiceField(label=pgettext_lazy("consent", "Method"), choices=Consent.Method.choices)
    scan = forms.FileField(label=_("Scan of the signed form (PDF, JPEG or PNG, up to 10 MB)"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = recipient_choices(case)
        self.fields["recipients"].label_from_instance = lambda m: f"{m.municipality.name}: {m.display_name}"
        self.add_confirmation_field()

    def clean(self):
        cleaned = super().clean()
        self.check_personal_data(cleaned)
        return cleaned


class ReferralForm(PersonalDataCheck, forms.Form):
    pii_fields = ("message",)

    from_member = forms.ModelChoiceField(queryset=None, label=pgettext_lazy("referral", "From"))
    to_member = forms.ModelChoiceField(queryset=None, label=pgettext_lazy("referral", "To"))
    consent = forms.ModelChoiceField(queryset=None, label=_("Consent that covers it"), required=False,
                                     help_text=_("Needed unless both sides are members of this support meeting."))
    items = forms.MultipleChoiceField(label=_("Information handed over"), choices=ShareItem.choices,
                                      widget=forms.CheckboxSelectMultiple)
    message = forms.CharField(label=_("What is handed over"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, case, from_members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_member"].queryset = from_members
        self.fields["to_member"].queryset = recipient_choices(case)
        self.fields["to_member"].label_from_instance = lambda m: f"{m.municipality.name}: {m.display_name}"
        self.fields["consent"].queryset = case.consents.filter(withdrawn_on=None)
        self.add_confirmation_field()

    def clean(self):
        cleaned = super().clean()
        if ShareItem.CONTACT not in (cleaned.get("items") or []):
            self.check_personal_data(cleaned)
        return cleaned


class ReferralActionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in ("receive", "accept", "decline", "close")])
    note = forms.CharField(required=False)
