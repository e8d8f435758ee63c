"""The organisation profile form in the admin."""

from django.utils.translation import gettext as _
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
