"""Admin form of a municipality's platform members."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from tenants import access
from tenants.jpdates import person_name
from tenants.forms import MunicipalityOwnedForm


class PlatformMembershipForm(MunicipalityOwnedForm):
    """Staff accounts are chosen among the platform members of the municipalities the user acts
    for, and must belong to the member's own municipality."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("staff")
        if field is None or self.for_user is None:
            return
        groups = access.municipalities_for(self.for_user).values("members_group_id")
        field.queryset = (get_user_model().objects.filter(is_active=True, groups__in=groups).distinct()
                          .order_by("last_name", "first_name", "username"))
        field.label_from_instance = person_name

    def clean(self):
        cleaned = super().clean()
        municipality, staff = cleaned.get("municipality"), cleaned.get("staff")
        if municipality is not None and staff:
            outside = [user for user in staff if not user.groups.filter(pk=municipality.members_group_id).exists()]
            if outside:
                self.add_error("staff", _("These accounts are not platform members of %(municipality)s: %(users)s") % {
                    "municipality": municipality, "users": "、".join(person_name(u) for u in outside)})
        return cleaned
