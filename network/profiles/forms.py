"""Forms around a partner group's profile: the profile itself (admin), inviting an editor, and the
account an invited editor creates."""

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.images import get_image_model

from tenants import access


class OrganisationProfileForm(WagtailAdminModelForm):
    """A group's editor may pick a logo and photos only from the group's own collection: the
    chooser shows only those, and the form refuses another collection's image id as well."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None or access.is_metro_coordinator(self.for_user):
            return
        own = get_image_model().objects.filter(collection_id=self.instance.collection_id)
        message = _("Choose an image from your group's own collection.")
        targets = [self.fields.get("logo")]
        photos = self.formsets.get("photos")
        if photos is not None:
            targets += [form.fields.get("image") for form in [*photos.forms, photos.empty_form]]
        for field in filter(None, targets):
            field.queryset = own
            field.error_messages["invalid_choice"] = message


class InvitationForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"))
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=100, required=False,
                           help_text=gettext_lazy("Used to greet them in the email."))


class AccountForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=100,
                           help_text=gettext_lazy("Family name, a space, then given name (e.g. 山田 花子)."))
    password1 = forms.CharField(label=gettext_lazy("Password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=password_validators_help_text_html())
    password2 = forms.CharField(label=gettext_lazy("Password (again)"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, email="", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords do not match."))
        elif first:
            from django.contrib.auth import get_user_model

            probe = get_user_model()(username=self.email, email=self.email)
            try:
                validate_password(first, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned
