"""Expert-bank consultation requests. The assigned expert's right is a django-guardian grant on
the request (given on assignment, taken back when they decline or are replaced); a group's
editors see their organisations' requests; metropolitan coordinators run the bank and see all.

Consultation requests are training's: training registers the rules that read them
(training/access_rules.py); these are the names everyone asks."""

from django.db.models import QuerySet

from .registry import ask


def consultation_requests_for(user) -> QuerySet:
    return ask("consultation_requests_for", user)


def is_assigned_expert(user, consultation) -> bool:
    """The expert the request is assigned to, by grant and by assignment (both must hold)."""
    return ask("is_assigned_expert", user, consultation)


def is_requester(user, consultation) -> bool:
    """An editor of the organisation that asked."""
    return ask("is_requester", user, consultation)


def can_see_consultation(user, consultation) -> bool:
    return ask("can_see_consultation", user, consultation)
