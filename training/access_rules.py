"""Who may reach the expert bank's consultation requests. Callers ask `tenants.access`
(`access.can_see_consultation(user, consultation)`); tenants cannot import training, so
`register()` (called from TrainingConfig.ready()) hands these rules to it.

The assigned expert's right is a django-guardian grant on the request (given on assignment, taken
back when they decline or are replaced); a group's editors see their organisations' requests;
metropolitan coordinators run the bank and see all."""

from django.db.models import Q
from guardian.shortcuts import get_objects_for_user

from tenants import access

from .models import ConsultationRequest

CONSULTATION_VIEW = "training.view_consultationrequest"


def consultation_requests_for(user):
    if access.is_metro_coordinator(user):
        return ConsultationRequest.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return ConsultationRequest.objects.none()
    assigned = get_objects_for_user(user, CONSULTATION_VIEW, klass=ConsultationRequest, accept_global_perms=False,
                                    with_superuser=False).filter(expert__user=user)
    return ConsultationRequest.objects.filter(Q(organisation__in=access.granted_organisation_ids(user))
                                              | Q(pk__in=assigned.values("pk")))


def is_assigned_expert(user, consultation) -> bool:
    if user is None or not user.is_authenticated or not user.is_active or consultation.expert_id is None:
        return False
    return consultation.expert.user_id == user.pk and user.has_perm(CONSULTATION_VIEW, consultation)


def is_requester(user, consultation) -> bool:
    return (not access.is_metro_coordinator(user)
            and consultation.organisation_id in access.granted_organisation_ids(user))


def can_see_consultation(user, consultation) -> bool:
    return (access.is_metro_coordinator(user) or is_requester(user, consultation)
            or is_assigned_expert(user, consultation))


def register():
    access.register_rules(
        consultation_requests_for=consultation_requests_for, is_assigned_expert=is_assigned_expert,
        is_requester=is_requester, can_see_consultation=can_see_consultation,
    )
