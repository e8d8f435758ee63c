"""The only code that changes an agreement's or a candidate's state, each operation in one
transaction:
- the partner-onboarding pipeline (seed 000): research → hearing scheduled → site visit done →
  agreement drafted → partner, with the side exits declined, withdrawn and on hold. Transitions
  are declared with django-fsm-2 on the model; `change_stage()` checks the transition and its
  guards, writes the change and one history row, and refuses with a Japanese message otherwise
  (writing nothing);
- renewal and termination of an agreement, logged in Wagtail's audit log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import can_proceed
from tenants import audit
from tenants.fsm import failed_guard

from .models import Agreement, Prospect, ProspectHistory

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
    return failed_guard(method) or _("This change is not allowed.")


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
    audit.record("tsunagu.prospect.stage", prospect, by=user,
                 data={"step": action, "from": before, "to": prospect.stage})
    return prospect


@transaction.atomic
def renew(agreement, *, number, signed_on, valid_from, valid_until=None, document=None, user=None):
    """A renewal is a new agreement linked to the one it renews; the old one keeps its dates."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if hasattr(agreement, "renewed_by"):
        raise ValidationError(_("This agreement has already been renewed."))
    if agreement.terminated_on:
        raise ValidationError(_("A terminated agreement cannot be renewed."))
    if agreement.valid_until and valid_from <= agreement.valid_until and valid_from < agreement.valid_from:
        raise ValidationError(_("The renewal must start after the current agreement starts."))
    renewal = Agreement(number=number, organisation=agreement.organisation, signed_on=signed_on,
                        valid_from=valid_from, valid_until=valid_until, renews=agreement,
                        commitments=agreement.commitments)
    if document is not None:
        renewal.document = document
    renewal.full_clean()
    renewal.save()
    audit.record("tsunagu.agreement.renew", renewal, by=user, data={"renews": agreement.number})
    return renewal


@transaction.atomic
def terminate(agreement, *, on, reason, user=None):
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.terminated_on:
        raise ValidationError(_("This agreement is already terminated."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the termination."))
    if on < agreement.valid_from:
        raise ValidationError(_("An agreement cannot end before it starts."))
    agreement.terminated_on = on
    agreement.termination_reason = reason.strip()
    agreement.save(update_fields=["terminated_on", "termination_reason"])
    audit.record("tsunagu.agreement.terminate", agreement, by=user, data={"reason": reason})
    return agreement
