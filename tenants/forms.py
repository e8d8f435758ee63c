"""Admin form base for municipality-owned models: the municipality field offers only the
municipalities the signed-in user acts for (asked of tenants.access), preselected when there is
just one."""

from wagtail.admin.forms import WagtailAdminModelForm

from . import access


class MunicipalityOwnedForm(WagtailAdminModelForm):
    municipality_field = "municipality"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get(self.municipality_field)
        if field is None or self.for_user is None:
            return
        allowed = access.municipalities_for(self.for_user)
        field.queryset = allowed
        if not self.instance.pk and allowed.count() == 1:
            field.initial = allowed.first().pk
        if not access.is_metro_coordinator(self.for_user):
            # Only Tokyo-wide staff may leave a row without a municipality (a Tokyo-wide row).
            field.required = True
