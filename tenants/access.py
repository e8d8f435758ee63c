"""The one place that decides which municipalities a user may act for, and in which role.

Everything that shows tenant-owned data (admin viewsets through the permission policies in
`tenants.policies`, public views, choosers) asks here. Roles come from group membership:
the global groups in `roles.GLOBAL_GROUP_NAMES` and each municipality's two groups.
A superuser is treated as a metropolitan coordinator with every model permission; that rule
lives here and nowhere else."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .models import Municipality
from .roles import GLOBAL_GROUP_NAMES, Role

_CACHE_ATTR = "_tsunagu_grants"


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


def forget(user) -> None:
    """Drop the cached grants after changing a user's groups within the same request."""
    for attr in (_CACHE_ATTR, _ORG_CACHE_ATTR, _CASE_CACHE_ATTR):
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
    if is_metro_coordinator(user):
        return Municipality.objects.all()
    g = grants(user)
    ids = g.coordinator_of if role == Role.MUNICIPAL_COORDINATOR else g.member_of | g.coordinator_of
    return Municipality.objects.filter(id__in=ids)


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


def municipality_of_page(page):
    """The municipality whose subtree holds `page`, or None for portal (Tokyo-wide) pages."""
    path_prefixes = [page.path[:i] for i in range(0, len(page.path) + 1, 4) if i]
    return (
        Municipality.objects.filter(root_page__path__in=path_prefixes)
        .order_by("-root_page__depth").first()
    )


def may_withdraw_from_review(user, page) -> bool:
    """A municipality's pages are kept by all of its coordinators together: any of them who may
    edit a page may withdraw it from review (Wagtail itself lets only the submitter, the page's
    owner and the reviewers), to change it and submit it again. Withdrawing publishes nothing."""
    municipality = municipality_of_page(page)
    return (municipality is not None and municipality.pk in grants(user).coordinator_of
            and page.permissions_for_user(user).can_edit())


def own_page_roots(user):
    """Root pages of the municipal subtrees the user coordinates (all of them for Tokyo)."""
    from wagtail.models import Page

    ids = municipalities_for(user).exclude(root_page=None).values("root_page_id")
    return Page.objects.filter(id__in=ids)


def choosable_pages(user, pages: QuerySet) -> QuerySet:
    """Pages a user may see in the page chooser (for links): everything in the subtrees they
    coordinate, plus pages anyone can already read on the public site. Other tenants' drafts,
    unpublished pages and pages with pending changes (whose admin title would reveal the draft)
    are left out. Only search-filterable fields (path, live, id) are used, because the chooser's
    search runs this filter through the search backend."""
    from wagtail.models import Page

    if is_metro_coordinator(user):
        return pages
    own = Q()
    for path in own_page_roots(user).values_list("path", flat=True):
        own |= Q(path__startswith=path)
    pending = Page.objects.filter(has_unpublished_changes=True, live=True)
    if own:
        pending = pending.exclude(own)
    pending_ids = list(pending.values_list("id", flat=True))
    visible = (own | Q(live=True)) if own else Q(live=True)
    return pages.filter(visible).exclude(id__in=pending_ids + _restricted_page_ids(own))


def _restricted_page_ids(own: Q) -> list:
    """Live pages behind a view restriction (members-only meetings and anything below them)
    outside the user's own subtrees: their titles are not for other tenants' choosers."""
    from wagtail.models import Page, PageViewRestriction

    paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    if not paths:
        return []
    below = Q()
    for path in paths:
        below |= Q(path__startswith=path)
    restricted = Page.objects.filter(below)
    if own:
        restricted = restricted.exclude(own)
    return list(restricted.values_list("id", flat=True))


# Members-only material of a municipality (council pages, meetings, documents) is read by its
# platform members and its coordinators; the metropolitan coordinators see everything except
# case-review contents, so council material too. Wagtail enforces it through page and collection
# view restrictions on exactly these groups (network.members_only applies them).
def members_only_groups(municipality) -> list:
    from django.contrib.auth.models import Group

    metro = Group.objects.filter(name=GLOBAL_GROUP_NAMES[Role.METRO_COORDINATOR]).first()
    groups = [municipality.members_group, municipality.coordinators_group, metro]
    return [group for group in groups if group is not None]


def can_read_members_only(user, municipality) -> bool:
    if municipality is None:
        return is_metro_coordinator(user)
    return can_act_for(user, municipality, Role.PLATFORM_MEMBER)


# Partner-group profiles. An editor's right to an organisation is a django-guardian grant held by
# the organisation's editors group (network.profiles grants and revokes it); metropolitan
# coordinators keep every profile. Municipal coordinators hold no right over profiles.
ORGANISATION_CHANGE = "network.change_organisation"
_ORG_CACHE_ATTR = "_tsunagu_organisation_ids"


def organisations_for(user) -> QuerySet:
    """The organisations whose profile `user` may edit."""
    from django.apps import apps

    organisation = apps.get_model("network", "Organisation")
    if is_metro_coordinator(user):
        return organisation.objects.all()
    return organisation.objects.filter(pk__in=_granted_organisation_ids(user))


def _granted_organisation_ids(user) -> frozenset:
    """Ids of the organisations a guardian grant (direct or through a group) lets `user` edit,
    read once per request like `grants`."""
    from django.apps import apps
    from guardian.shortcuts import get_objects_for_user

    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, _ORG_CACHE_ATTR, None)
    if cached is None:
        granted = get_objects_for_user(user, ORGANISATION_CHANGE, klass=apps.get_model("network", "Organisation"),
                                       accept_global_perms=False, with_superuser=False)
        cached = frozenset(granted.values_list("pk", flat=True))
        setattr(user, _ORG_CACHE_ATTR, cached)
    return cached


def choosable_organisations(user) -> QuerySet:
    """Organisations staff may pick when referring to one (a pipeline candidate, an agreement):
    every published organisation, which the public directory shows anyway, plus those the user
    may edit. Unpublished ones stay with the coordinators who keep them."""
    from django.apps import apps

    organisation = apps.get_model("network", "Organisation")
    if is_metro_coordinator(user):
        return organisation.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return organisation.objects.none()
    return organisation.objects.filter(Q(live=True) | Q(pk__in=_granted_organisation_ids(user)))


def can_edit_organisation(user, organisation) -> bool:
    if organisation is None or organisation.pk is None:
        return False
    return is_metro_coordinator(user) or organisation.pk in _granted_organisation_ids(user)


def can_manage_organisation_editors(user, organisation=None) -> bool:
    """Inviting and removing a group's editors is the metropolitan coordinators' work."""
    return is_metro_coordinator(user)


# Expert-bank consultation requests. The assigned expert's right is a django-guardian grant on
# the request (given on assignment, taken back when they decline or are replaced); a group's
# editors see their organisations' requests; metropolitan coordinators run the bank and see all.
CONSULTATION_VIEW = "training.view_consultationrequest"


def consultation_requests_for(user) -> QuerySet:
    from django.apps import apps
    from guardian.shortcuts import get_objects_for_user

    model = apps.get_model("training", "ConsultationRequest")
    if is_metro_coordinator(user):
        return model.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return model.objects.none()
    assigned = get_objects_for_user(user, CONSULTATION_VIEW, klass=model, accept_global_perms=False,
                                    with_superuser=False).filter(expert__user=user)
    return model.objects.filter(Q(organisation__in=_granted_organisation_ids(user))
                                | Q(pk__in=assigned.values("pk")))


def is_assigned_expert(user, consultation) -> bool:
    """The expert the request is assigned to, by grant and by assignment (both must hold)."""
    if user is None or not user.is_authenticated or not user.is_active or consultation.expert_id is None:
        return False
    return consultation.expert.user_id == user.pk and user.has_perm(CONSULTATION_VIEW, consultation)


def is_requester(user, consultation) -> bool:
    """An editor of the organisation that asked."""
    return not is_metro_coordinator(user) and consultation.organisation_id in _granted_organisation_ids(user)


def can_see_consultation(user, consultation) -> bool:
    return is_metro_coordinator(user) or is_requester(user, consultation) or is_assigned_expert(user, consultation)


# Case reviews (個別ケース検討会議・支援会議). Their contents stay inside the municipality: its own
# coordinators, and the participants named on a case (a django-guardian grant on that case, honoured
# only while the participant still belongs to the municipality's platform, so removing a member
# from the group revokes access at once). Metropolitan coordinators and superusers hold no case
# rights: being "everything" elsewhere does not reach case contents (DESIGN.md).
CASE_VIEW = "network.view_casereview"
CASE_CHANGE = "network.change_casereview"
_CASE_CACHE_ATTR = "_tsunagu_case_ids"


def _case_roles(user):
    """(coordinator_of, member_of) as far as case records are concerned: the rule that a
    superuser, "everything" elsewhere, reaches no case is stated here once."""
    g = grants(user)
    if g.is_superuser:
        return frozenset(), frozenset()
    return g.coordinator_of, g.member_of


def coordinates(user, municipality_id) -> bool:
    """A coordinator of this very municipality (the metropolitan role and superusers do not count)."""
    coordinator_of, _member_of = _case_roles(user)
    return municipality_id in coordinator_of


def belongs_to_platform(user, municipality_id) -> bool:
    coordinator_of, member_of = _case_roles(user)
    return municipality_id in coordinator_of or municipality_id in member_of


def may_use_cases(user) -> bool:
    coordinator_of, member_of = _case_roles(user)
    return bool(coordinator_of or member_of)


def _granted_case_ids(user, perm) -> frozenset:
    from django.apps import apps
    from guardian.shortcuts import get_objects_for_user

    coordinator_of, member_of = _case_roles(user)
    if not (coordinator_of or member_of):
        return frozenset()
    cache = getattr(user, _CASE_CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(user, _CASE_CACHE_ATTR, cache)
    if perm not in cache:
        model = apps.get_model("network", "CaseReview")
        granted = get_objects_for_user(user, perm, klass=model, accept_global_perms=False,
                                       with_superuser=False, use_groups=False)
        cache[perm] = frozenset(granted.filter(
            municipality_id__in=member_of | coordinator_of).values_list("pk", flat=True))
    return cache[perm]


def forget_cases(user) -> None:
    if hasattr(user, _CASE_CACHE_ATTR):
        delattr(user, _CASE_CACHE_ATTR)


def case_reviews_for(user) -> QuerySet:
    from django.apps import apps

    model = apps.get_model("network", "CaseReview")
    coordinator_of, member_of = _case_roles(user)
    if not (coordinator_of or member_of):
        return model.objects.none()
    return model.objects.filter(Q(municipality_id__in=coordinator_of)
                                | Q(pk__in=_granted_case_ids(user, CASE_VIEW)))


def can_see_case(user, case) -> bool:
    return coordinates(user, case.municipality_id) or case.pk in _granted_case_ids(user, CASE_VIEW)


def can_change_case(user, case) -> bool:
    return coordinates(user, case.municipality_id) or case.pk in _granted_case_ids(user, CASE_CHANGE)


def can_manage_case(user, case) -> bool:
    """Naming participants, closing, reading the access log: the municipality's coordinators."""
    return coordinates(user, case.municipality_id)


def acts_for_member(user, membership, today=None) -> bool:
    """A staff account of this platform member, still in its municipality's platform, or one of
    that municipality's coordinators."""
    from django.utils import timezone

    today = today or timezone.localdate()
    if membership.left_on is not None and membership.left_on < today:
        return False
    if coordinates(user, membership.municipality_id):
        return True
    return (belongs_to_platform(user, membership.municipality_id)
            and membership.staff.filter(pk=user.pk).exists())


def referrals_for(user) -> QuerySet:
    """Referrals the user may open: sent under a case they can see, or addressed to a member
    they act for (the receiving side sees the referral, never the case)."""
    from django.apps import apps

    from django.utils import timezone

    model = apps.get_model("network", "Referral")
    coordinator_of, member_of = _case_roles(user)
    if not (coordinator_of or member_of):
        return model.objects.none()
    receiving = (Q(to_member__municipality_id__in=coordinator_of) | Q(
        to_member__staff=user, to_member__municipality_id__in=member_of | coordinator_of)) & (
        Q(to_member__left_on__isnull=True) | Q(to_member__left_on__gte=timezone.localdate()))
    return model.objects.filter(Q(case__in=case_reviews_for(user)) | receiving).distinct()


def referral_sides(user, referral) -> set:
    """{"sender"} for those who may change the case, {"receiver"} for the receiving member's side,
    both for a coordinator referring within their own municipality; "reader" for participants
    who may only read the case."""
    sides = set()
    if can_change_case(user, referral.case):
        sides.add("sender")
    elif can_see_case(user, referral.case):
        sides.add("reader")
    if acts_for_member(user, referral.to_member):
        sides.add("receiver")
    return sides
