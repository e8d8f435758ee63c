"""Partner-group profiles. An editor's right to an organisation is a django-guardian grant held by
the organisation's editors group (network.profiles grants and revokes it); metropolitan
coordinators keep every profile. Municipal coordinators hold no right over profiles.

Organisations are network's: network registers the rules that read them (network/access_rules.py);
these are the names everyone asks."""

from django.db.models import QuerySet

from .core import is_metro_coordinator
from .registry import ask


def organisations_for(user) -> QuerySet:
    """The organisations whose profile `user` may edit."""
    return ask("organisations_for", user)


def granted_organisation_ids(user) -> frozenset:
    """Ids of the organisations a grant (direct or through a group) lets `user` edit, read once
    per request; metropolitan coordinators hold none by grant."""
    return ask("granted_organisation_ids", user)


def choosable_organisations(user) -> QuerySet:
    """Organisations staff may pick when referring to one (a pipeline candidate, an agreement):
    every published organisation, which the public directory shows anyway, plus those the user
    may edit. Unpublished ones stay with the coordinators who keep them."""
    return ask("choosable_organisations", user)


def can_edit_organisation(user, organisation) -> bool:
    return ask("can_edit_organisation", user, organisation)


def can_manage_organisation_editors(user, organisation=None) -> bool:
    """Inviting and removing a group's editors is the metropolitan coordinators' work."""
    return is_metro_coordinator(user)
