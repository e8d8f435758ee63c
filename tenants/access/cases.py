"""Case reviews (個別ケース検討会議・支援会議). Their contents stay inside the municipality: its own
coordinators, and the participants named on a case (a django-guardian grant on that case, honoured
only while the participant still belongs to the municipality's platform, so removing a member
from the group revokes access at once). Metropolitan coordinators and superusers hold no case
rights: being "everything" elsewhere does not reach case contents (DESIGN.md).

The roles that open the case screens are decided here; cases, consents and referrals are
network's, so network registers the rules that read them (network/access_rules.py) and these are
the names everyone asks."""

from django.db.models import QuerySet

from .core import forget, grants
from .registry import ask

CASE_IDS = "case_ids"  # the kind of per-request read holding a user's granted case ids


def case_roles(user):
    """(coordinator_of, member_of) as far as case records are concerned: the rule that a
    superuser, "everything" elsewhere, reaches no case is stated here once."""
    g = grants(user)
    if g.is_superuser:
        return frozenset(), frozenset()
    return g.coordinator_of, g.member_of


def coordinates(user, municipality_id) -> bool:
    """A coordinator of this very municipality (the metropolitan role and superusers do not count)."""
    coordinator_of, _member_of = case_roles(user)
    return municipality_id in coordinator_of


def belongs_to_platform(user, municipality_id) -> bool:
    coordinator_of, member_of = case_roles(user)
    return municipality_id in coordinator_of or municipality_id in member_of


def may_use_cases(user) -> bool:
    coordinator_of, member_of = case_roles(user)
    return bool(coordinator_of or member_of)


def forget_cases(user) -> None:
    """Drop the user's granted case ids read in this request, after naming or removing them."""
    forget(user, CASE_IDS)


def case_reviews_for(user) -> QuerySet:
    return ask("case_reviews_for", user)


def can_see_case(user, case) -> bool:
    return ask("can_see_case", user, case)


def can_change_case(user, case) -> bool:
    return ask("can_change_case", user, case)


def can_manage_case(user, case) -> bool:
    """Naming participants, closing, reading the access log: the municipality's coordinators."""
    return coordinates(user, case.municipality_id)


def acts_for_member(user, membership, today=None) -> bool:
    """A staff account of this platform member, still in its municipality's platform, or one of
    that municipality's coordinators."""
    return ask("acts_for_member", user, membership, today)


def referrals_for(user) -> QuerySet:
    """Referrals the user may open: sent under a case they can see, or addressed to a member
    they act for (the receiving side sees the referral, never the case)."""
    return ask("referrals_for", user)


def referral_sides(user, referral) -> set:
    """{"sender"} for those who may change the case, {"receiver"} for the receiving member's side,
    both for a coordinator referring within their own municipality; "reader" for participants
    who may only read the case."""
    return ask("referral_sides", user, referral)
