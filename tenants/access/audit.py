"""Who reads which audit entries: the metropolitan coordinators every entry (case contents never
enter an entry, see tenants.audit); a municipality's coordinators the entries recorded for their
municipalities; a partner group's editors those recorded for their group. Anyone else none.

The decision uses the municipality written on the entry, not the object, so the entries of a
deleted object stay with the coordinators who owned it."""

from django.db.models import Q, QuerySet

from .core import is_metro_coordinator, municipality_ids_for
from .organisations import granted_organisation_ids


def audit_entries_for(user, entries: QuerySet) -> QuerySet:
    if user is None or not user.is_authenticated or not user.is_active:
        return entries.none()
    if is_metro_coordinator(user):
        return entries
    municipal = municipality_ids_for(user) or frozenset()
    groups = granted_organisation_ids(user) or frozenset()
    if not municipal and not groups:
        return entries.none()
    return entries.filter(Q(municipality_id__in=municipal) | Q(organisation_id__in=groups))


def can_read_audit_entry(user, entry) -> bool:
    return audit_entries_for(user, type(entry).objects.filter(pk=entry.pk)).exists()
