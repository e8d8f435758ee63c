"""People as staff pick them: by name (family name first) and role, never by login name.
Used by the pickers of coordinators (a prospect's assigned coordinator, the coordinators present
at a site visit)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Prefetch, Q

from . import access
from .jpdates import person_name
from .roles import GLOBAL_GROUP_NAMES, Role


def coordinators(metro_only=False):
    """Active metropolitan coordinators (and superusers), plus every municipality's coordinators
    unless `metro_only`; in 五十音-ish name order, with their groups for the labels."""
    who = access.users_acting_for(None)  # metropolitan coordinators
    if not metro_only:
        who |= Q(groups__coordinated_municipality__isnull=False)
    groups = Group.objects.select_related("coordinated_municipality")
    return (get_user_model().objects.filter(who, is_active=True).distinct()
            .prefetch_related(Prefetch("groups", queryset=groups))
            .order_by("last_name", "first_name", "username"))


def coordinator_label(user):
    """都 花子（都コーディネーター） / 新宿 一郎（新宿区 コーディネーター）."""
    places = []
    for group in user.groups.all():
        if group.name == GLOBAL_GROUP_NAMES[Role.METRO_COORDINATOR]:
            places.append(group.name)
        municipality = getattr(group, "coordinated_municipality", None)
        if municipality is not None:
            places.append(f"{municipality.name} コーディネーター")
    if not places and access.is_metro_coordinator(user):
        places.append(GLOBAL_GROUP_NAMES[Role.METRO_COORDINATOR])
    return f"{person_name(user)}（{'、'.join(sorted(places))}）" if places else person_name(user)


def as_coordinator_picker(field, metro_only=False):
    field.queryset = coordinators(metro_only)
    field.label_from_instance = coordinator_label
