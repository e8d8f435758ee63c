"""Roles and municipality scoping: which municipalities a user may act for, and in which role.

Roles come from group membership: the global groups in `roles.GLOBAL_GROUP_NAMES` and each
municipality's two groups. A superuser is treated as a metropolitan coordinator with every model
permission; that rule lives here and nowhere else."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ..models import Municipality
from ..roles import GLOBAL_GROUP_NAMES, Role

_CACHE_ATTR = "_tsunagu_grants"
_READS_ATTR = "_tsunagu_access_reads"


@dataclass(frozen=True)
class Grants:
    """What one user holds: global roles and, per municipal role, municipality ids."""

    is_superuser: bool
    global_roles: frozenset
    coordinator_of: frozenset
    member_of: frozenset

    def municipal_ids(self, role):
        return {Role.MUNICIPAL_COORDINATOR: self.coordinator_of,
                Role.PLATFORM_MEMBER: self.member_of}[role]


_NO_GRANTS = Grants(False, frozenset(), frozenset(), frozenset())


def grants(user) -> Grants:
    """Read the user's roles once per request (cached on the user object, not the process)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _NO_GRANTS
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    groups = dict(user.groups.values_list("id", "name"))
    global_roles = frozenset(
        role for role, name in GLOBAL_GROUP_NAMES.items() if name in groups.values()
    )
    rows = Municipality.objects.filter(
        Q(coordinators_group_id__in=groups) | Q(members_group_id__in=groups)
    ).values_list("id", "coordinators_group_id", "members_group_id")
    coordinator_of = frozenset(pk for pk, coordinators, _ in rows if coordinators in groups)
    member_of = frozenset(pk for pk, _, members in rows if members in groups)
    result = Grants(user.is_superuser, global_roles, coordinator_of, member_of)
    setattr(user, _CACHE_ATTR, result)
    return result


def remember(user, key: tuple, compute):
    """`compute()` once per request for this user, kept on the user object like `grants` (never
    in the process). The apps' rules keep their object-grant reads here; `key[0]` names the kind
    of read, so one kind can be forgotten alone."""
    reads = getattr(user, _READS_ATTR, None)
    if reads is None:
        reads = {}
        setattr(user, _READS_ATTR, reads)
    if key not in reads:
        reads[key] = compute()
    return reads[key]


def forget(user, kind: str | None = None) -> None:
    """Drop the cached grants and reads after changing a user's groups within the same request;
    with `kind`, only the reads of that kind (after changing their grants on one kind of object)."""
    reads = getattr(user, _READS_ATTR, None)
    if kind is not None:
        for key in [key for key in reads or () if key[0] == kind]:
            del reads[key]
        return
    for attr in (_CACHE_ATTR, _READS_ATTR):
        if hasattr(user, attr):
            delattr(user, attr)


def is_metro_coordinator(user) -> bool:
    g = grants(user)
    return g.is_superuser or Role.METRO_COORDINATOR in g.global_roles


def may_enter_admin(user) -> bool:
    """Anyone the Wagtail admin lets in (superusers hold every permission)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm("wagtailadmin.access_admin")


def has_role(user, role: Role) -> bool:
    g = grants(user)
    if role in (Role.MUNICIPAL_COORDINATOR, Role.PLATFORM_MEMBER):
        return bool(g.municipal_ids(role)) or is_metro_coordinator(user)
    return g.is_superuser or role in g.global_roles


def roles_for(user, municipality=None) -> set:
    """The roles the user holds, optionally only those that apply to one municipality."""
    g = grants(user)
    roles = set(g.global_roles)
    if g.is_superuser:
        roles.add(Role.METRO_COORDINATOR)
    for role in (Role.MUNICIPAL_COORDINATOR, Role.PLATFORM_MEMBER):
        ids = g.municipal_ids(role)
        applies = municipality.pk in ids if municipality is not None else bool(ids)
        if applies:
            roles.add(role)
    return roles


def municipalities_for(user, role: Role = Role.MUNICIPAL_COORDINATOR) -> QuerySet:
    """Municipalities the user may act for in `role`. Metropolitan coordinators act for all of
    them; a municipality's coordinators also read what its platform members read."""
    ids = municipality_ids_for(user, role)
    return Municipality.objects.all() if ids is None else Municipality.objects.filter(id__in=ids)


def municipality_ids_for(user, role: Role = Role.MUNICIPAL_COORDINATOR) -> frozenset | None:
    """The ids of `municipalities_for(user, role)`, read from the grants without a query; None
    for every municipality (metropolitan coordinators)."""
    if is_metro_coordinator(user):
        return None
    g = grants(user)
    return g.coordinator_of if role == Role.MUNICIPAL_COORDINATOR else g.member_of | g.coordinator_of


def users_acting_for(municipality, role: Role = Role.MUNICIPAL_COORDINATOR) -> Q:
    """A filter on users: those who may act for `municipality` in `role` (the reverse of
    municipalities_for), for "who may edit this object" questions."""
    who = Q(is_superuser=True, is_active=True) | Q(groups__name=GLOBAL_GROUP_NAMES[Role.METRO_COORDINATOR])
    if municipality is not None:
        who |= Q(groups=municipality.coordinators_group_id)
        if role == Role.PLATFORM_MEMBER:
            who |= Q(groups=municipality.members_group_id)
    return who


def can_act_for(user, municipality, role: Role = Role.MUNICIPAL_COORDINATOR) -> bool:
    if municipality is None:
        return is_metro_coordinator(user)
    return municipalities_for(user, role).filter(pk=municipality.pk).exists()


def scope(user, queryset: QuerySet, lookup: str = "municipality",
          role: Role = Role.MUNICIPAL_COORDINATOR) -> QuerySet:
    """Filter a queryset of tenant-owned rows down to the municipalities the user acts for.

    `lookup` is the path from the model to its Municipality ("municipality",
    "council__municipality", or "" for Municipality itself). Rows without a municipality
    (Tokyo-wide) are visible to metropolitan coordinators only."""
    if is_metro_coordinator(user):
        return queryset
    field = f"{lookup}__in" if lookup else "id__in"
    return queryset.filter(**{field: municipalities_for(user, role).values("id")})


def municipality_of(instance, lookup: str = "municipality"):
    """Follow `lookup` from an instance to its Municipality (or None for Tokyo-wide rows)."""
    if not lookup:
        return instance
    obj = instance
    for part in lookup.split("__"):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def may_issue_enrolment_links(issuer) -> bool:
    """Who issues the links that register a first authenticator (tenants.second_factor_services)."""
    return is_metro_coordinator(issuer)


def may_issue_enrolment_link(issuer, user) -> bool:
    """An administrator or a metropolitan coordinator, for anyone who may enter the admin; only an
    administrator for an administrator (a coordinator must not open a superuser's account)."""
    if not (may_issue_enrolment_links(issuer) and may_enter_admin(user)):
        return False
    return grants(issuer).is_superuser or not user.is_superuser
