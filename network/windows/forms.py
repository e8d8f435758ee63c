"""Admin form of the consultation-window CSV import."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"),
                           help_text=gettext_lazy("UTF-8 or Shift_JIS; the header row as in the export."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > services.MAX_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."))
        return services.decode(upload.read())
