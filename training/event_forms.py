"""The public application form (the fields of seed 001's application forms)."""

from django import forms

from django.utils.translation import gettext_lazy, pgettext_lazy

from tenants.models import Municipality

from .models import Application


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


