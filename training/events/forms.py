"""Forms of the events: the public application form (the fields of seed 001's application
forms), and the staff's forms for sessions from a slot template, applications taken by phone or
email, and partner groups' bookings."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from tenants.date_entry import parse_date
from tenants.models import Municipality

from ..models import Application
from .services import TEMPLATES


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, session):
        return str(session)


class ApplicationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=100)
    name_kana = forms.CharField(label=gettext_lazy("Furigana"), max_length=100)
    residence = forms.ModelChoiceField(Municipality.objects.all(), label=gettext_lazy("Where you live (municipality)"))
    phone = forms.CharField(label=pgettext_lazy("applicant", "Phone"), max_length=20,
                            help_text=gettext_lazy("e.g. 03-1234-5678"))
    email = forms.EmailField(label=gettext_lazy("Email (for the confirmation)"), required=False)
    relation = forms.ChoiceField(choices=Application.Relation.choices, label=gettext_lazy("Your relation to the person concerned"))
    person_municipality = forms.ModelChoiceField(Municipality.objects.all(), required=False,
                                                 label=gettext_lazy("Where the person concerned lives"))
    person_age = forms.IntegerField(min_value=0, max_value=120, required=False,
                                    label=gettext_lazy("Age of the person concerned"))
    person_gender = forms.ChoiceField(choices=[("", "—")] + list(Application.Gender.choices), required=False,
                                      label=gettext_lazy("Gender of the person concerned"))
    mode = forms.ChoiceField(choices=Application.Mode.choices, label=gettext_lazy("Attendance"))
    preference_1 = SessionChoiceField(None, label=gettext_lazy("First choice"))
    preference_2 = SessionChoiceField(None, required=False, label=gettext_lazy("Second choice"))
    preference_3 = SessionChoiceField(None, required=False, label=gettext_lazy("Third choice"))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        sessions = event.sessions.all()
        for n in (1, 2, 3):
            self.fields[f"preference_{n}"].queryset = sessions
        if not sessions.exclude(capacity_online=0).exists():
            self.fields["mode"].choices = [(Application.Mode.IN_PERSON, Application.Mode.IN_PERSON.label)]

    def clean_person_gender(self):
        return self.cleaned_data["person_gender"] or ""

    @property
    def sessions(self):
        return [s for s in (self.cleaned_data.get(f"preference_{n}") for n in (1, 2, 3)) if s]

    @property
    def person(self):
        data = self.cleaned_data
        return {key: data[key] for key in ("name", "name_kana", "residence", "phone", "email", "relation",
                                           "person_municipality", "person_age", "person_gender")}


class SlotForm(forms.Form):
    template = forms.ChoiceField(choices=[(key, value[0]) for key, value in TEMPLATES.items()],
                                 label=gettext_lazy("Slot template"))
    dates = forms.CharField(label=gettext_lazy("Dates"), widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=gettext_lazy("One per line, e.g. 2026/12/14 or 令和8年12月14日"))

    def clean_dates(self):
        days = []
        for line in self.cleaned_data["dates"].splitlines():
            if not line.strip():
                continue
            day = parse_date(line)
            if day is None:
                raise ValidationError(_("“%(value)s” is not a date: write one date per line, such as "
                                        "2026/12/14 or 2026年12月14日.") % {"value": line.strip()[:40]})
            days.append(day)
        return days


class StaffApplicationForm(ApplicationForm):
    channel = forms.ChoiceField(choices=[(c, label) for c, label in Application.Channel.choices
                                         if c in ("phone", "email")], label=gettext_lazy("Received by"))


class GroupBookingForm(forms.Form):
    organisation = forms.ModelChoiceField(None, label=gettext_lazy("Organisation"))
    seats = forms.IntegerField(min_value=1, max_value=10, initial=1, label=gettext_lazy("Seats"))
    preference_1 = forms.ModelChoiceField(None, label=gettext_lazy("First choice"))
    preference_2 = forms.ModelChoiceField(None, required=False, label=gettext_lazy("Second choice"))

    def __init__(self, *args, event, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        for n in (1, 2):
            self.fields[f"preference_{n}"].queryset = event.sessions.all()
