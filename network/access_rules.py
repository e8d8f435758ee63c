"""Who may reach network's objects: partner-group profiles and case reviews with their consents
and referrals. Callers ask `tenants.access` (`access.can_see_case(user, case)`); tenants cannot
import network, so `register()` (called from NetworkConfig.ready()) hands these rules to it.
The roles they start from (grants, case_roles, coordinates) are tenants.access's."""

from django.db.models import Q
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user

from tenants import access

from .models import CaseReview, Organisation, Referral

ORGANISATION_CHANGE = "network.change_organisation"
CASE_VIEW = "network.view_casereview"
CASE_CHANGE = "network.change_casereview"


# Partner-group profiles: an editor's right is a django-guardian grant held by the organisation's
# editors group (network.profiles grants and revokes it); metropolitan coordinators keep them all.
def granted_organisation_ids(user) -> frozenset:
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()

    def read():
        granted = get_objects_for_user(user, ORGANISATION_CHANGE, klass=Organisation,
                                       accept_global_perms=False, with_superuser=False)
        return frozenset(granted.values_list("pk", flat=True))

    return access.remember(user, ("organisation_ids",), read)


def organisations_for(user):
    if access.is_metro_coordinator(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=granted_organisation_ids(user))


def choosable_organisations(user):
    if access.is_metro_coordinator(user):
        return Organisation.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    return Organisation.objects.filter(Q(live=True) | Q(pk__in=granted_organisation_ids(user)))


def can_edit_organisation(user, organisation) -> bool:
    if organisation is None or organisation.pk is None:
        return False
    return access.is_metro_coordinator(user) or organisation.pk in granted_organisation_ids(user)


# Case reviews: the municipality's own coordinators, and the participants named by a grant on the
# case, honoured only while they belong to its platform (tenants.access.cases states the roles).
def granted_case_ids(user, perm) -> frozenset:
    coordinator_of, member_of = access.case_roles(user)
    if not (coordinator_of or member_of):
        return frozenset()

    def read():
        granted = get_objects_for_user(user, perm, klass=CaseReview, accept_global_perms=False,
                                       with_superuser=False, use_groups=False)
        return frozenset(granted.filter(
            municipality_id__in=member_of | coordinator_of).values_list("pk", flat=True))

    return access.remember(user, (access.CASE_IDS, perm), read)


def case_reviews_for(user):
    coordinator_of, member_of = access.case_roles(user)
    if not (coordinator_of or member_of):
        return CaseReview.objects.none()
    return CaseReview.objects.filter(Q(municipality_id__in=coordinator_of)
                                     | Q(pk__in=granted_case_ids(user, CASE_VIEW)))


def can_see_case(user, case) -> bool:
    return access.coordinates(user, case.municipality_id) or case.pk in granted_case_ids(user, CASE_VIEW)


def can_change_case(user, case) -> bool:
    return access.coordinates(user, case.municipality_id) or case.pk in granted_case_ids(user, CASE_CHANGE)


def acts_for_member(user, membership, today=None) -> bool:
    today = today or timezone.localdate()
    if membership.left_on is not None and membership.left_on < today:
        return False
    if access.coordinates(user, membership.municipality_id):
        return True
    return (access.belongs_to_platform(user, membership.municipality_id)
            and membership.staff.filter(pk=user.pk).exists())


def referrals_for(user):
    coordinator_of, member_of = access.case_roles(user)
    if not (coordinator_of or member_of):
        return Referral.objects.none()
    receiving = (Q(to_member__municipality_id__in=coordinator_of) | Q(
        to_member__staff=user, to_member__municipality_id__in=member_of | coordinator_of)) & (
        Q(to_member__left_on__isnull=True) | Q(to_member__left_on__gte=timezone.localdate()))
    return Referral.objects.filter(Q(case__in=case_reviews_for(user)) | receiving).distinct()


def referral_sides(user, referral) -> set:
    sides = set()
    if can_change_case(user, referral.case):
        sides.add("sender")
    elif can_see_case(user, referral.case):
        sides.add("reader")
    if acts_for_member(user, referral.to_member):
        sides.add("receiver")
    return sides


def register():
    access.register_rules(
        granted_organisation_ids=granted_organisation_ids, organisations_for=organisations_for,
        choosable_organisations=choosable_organisations, can_edit_organisation=can_edit_organisation,
        case_reviews_for=case_reviews_for, can_see_case=can_see_case, can_change_case=can_change_case,
        acts_for_member=acts_for_member, referrals_for=referrals_for, referral_sides=referral_sides,
    )
