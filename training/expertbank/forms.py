"""Forms of the expert bank's screens."""

from django import forms
from django.utils.translation import gettext_lazy, pgettext_lazy

from tenants.date_entry import DateTimeEntryField
from tenants.uploads import DOCUMENTS, check_upload

from ..models import ConsultationRequest
from ..models.experts import Field

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        cleaned = [single(item, initial) for item in files]
        for upload in cleaned:
            check_upload(upload, DOCUMENTS, MAX_ATTACHMENT_BYTES)
        return cleaned


class RequestForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Organisation"))
    field = forms.ChoiceField(choices=Field.choices, label=pgettext_lazy("expert bank", "Field"))
    topic = forms.CharField(max_length=150, label=gettext_lazy("Topic"),
                            help_text=gettext_lazy("e.g. 利用者とのトラブルの法的リスクについて"))
    background = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label=gettext_lazy("Background"),
                                 help_text=gettext_lazy("What happened and what you would like to ask. "
                                                        "Do not write names of the people you support."))
    preferred_1 = DateTimeEntryField(label=gettext_lazy("First preferred date and time"))
    preferred_2 = DateTimeEntryField(label=gettext_lazy("Second preferred date and time"),
                                      required=False)
    preferred_3 = DateTimeEntryField(label=gettext_lazy("Third preferred date and time"),
                                      required=False)
    format = forms.ChoiceField(choices=ConsultationRequest.Format.choices, label=pgettext_lazy("expert bank", "Format"))
    attachments = MultipleFileField(required=False, label=gettext_lazy("Attachments"),
                                    help_text=gettext_lazy("Optional. Up to 10 MB each; only the expert and "
                                                           "the coordinators can open them."))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()

    @property
    def preferred(self):
        return [self.cleaned_data.get(f"preferred_{n}") for n in (1, 2, 3)]


class ActionForm(forms.Form):
    """What each action on a request's page may carry."""

    action = forms.CharField()
    expert = forms.IntegerField(required=False)
    slot = forms.TypedChoiceField(choices=[(1, "1"), (2, "2"), (3, "3")], coerce=int, required=False)
    when = DateTimeEntryField(required=False)
    note = forms.CharField(required=False, widget=forms.Textarea)
