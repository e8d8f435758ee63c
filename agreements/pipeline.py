"""The partner-onboarding pipeline (seed 000): research → hearing scheduled → site visit done →
agreement drafted → partner, with the side exits declined, withdrawn and on hold.

Transitions are declared with django-fsm-2 on the model; `change_stage()` is the only code that
moves a prospect. It checks the transition and its guards, writes the change and one history row
in one transaction, and refuses with a Japanese message otherwise (writing nothing)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from .models import Prospect, ProspectHistory

ACTIONS = {
    "schedule_hearing", "record_site_visit", "draft_agreement", "sign",
    "decline", "withdraw", "hold", "resume",
}


def refusal(prospect, action):
    """Why `action` cannot happen now, in words a coordinator understands."""
    method = getattr(prospect, action)
    meta = method._django_fsm
    if not meta.has_transition(prospect.stage):
        return _("“%(action)s” is not possible from the stage “%(stage)s”: stages cannot be skipped.") % {
            "action": Prospect.ACTION_LABELS[action], "stage": prospect.get_stage_display()}
    transition = meta.get_transition(prospect.stage)
    for condition in transition.conditions:
        if not condition(prospect):
            return str(condition.message)
    return _("This change is not allowed.")


@transaction.atomic
def change_stage(prospect, action, *, user, note="", agreement=None):
    if action not in ACTIONS:
        raise ValidationError(_("Unknown stage change."))
    prospect = Prospect.objects.select_for_update().get(pk=prospect.pk)
    if action == "sign" and agreement is not None:
        prospect.agreement = agreement  # checked by the guard; rolled back if refused
    method = getattr(prospect, action)
    if not can_proceed(method, check_conditions=True):
        raise ValidationError(refusal(prospect, action))
    before = prospect.stage
    method()
    prospect.save()
    ProspectHistory.objects.create(prospect=prospect, from_stage=before, to_stage=prospect.stage,
                                   user=user, note=note)
    return prospect
