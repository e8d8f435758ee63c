"""Referrals (つなぐシート): a case handed from one platform member to another, within or across
municipalities. `send` checks the legal basis and the consent; `transition` is the one function
that moves a referral along sent → received → accepted / declined → closed, calling the
transitions declared on the model (django-fsm-2, guards with their Japanese message)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import can_proceed

from tenants import access, audit
from tenants.fsm import failed_guard

from ...models import CaseAccessLog, CaseReview, Referral, ReferralHistory, ShareItem
from ...models.platforms import current_members
from ..pii import refuse_personal_data
from .casereviews import log
from .consents import check_covers

State = Referral.State
Action = CaseAccessLog.Action

# action (a transition on Referral) → which side may take it
SIDES = {"receive": "receiver", "accept": "receiver", "decline": "receiver", "close": "sender"}
SIDE_NAMES = {"sender": gettext_lazy("referring side"), "receiver": gettext_lazy("receiving side")}
LABELS = {"receive": gettext_lazy("Mark as received"), "accept": gettext_lazy("Accept"),
          "decline": gettext_lazy("Decline"), "close": gettext_lazy("Close")}


@transaction.atomic
def send(user, case, *, from_member, to_member, items, message, consent=None):
    if not access.can_change_case(user, case) or case.anonymised_on:
        raise PermissionDenied
    if case.status != CaseReview.Status.OPEN:
        raise ValidationError(_("A closed case cannot be referred."))
    if from_member.municipality_id != case.municipality_id or not access.acts_for_member(user, from_member):
        raise ValidationError(_("Send from a member of this municipality's platform that you act for."))
    if not current_members(None).filter(pk=to_member.pk).exists():
        raise ValidationError(_("The receiving organisation is not a current platform member."))
    if to_member.pk == from_member.pk:
        raise ValidationError(_("Choose another organisation to receive the referral."))
    items = [value for value in ShareItem.values if value in set(items or [])]
    if not items:
        raise ValidationError(_("Choose the information you hand over."))
    if not (message or "").strip():
        raise ValidationError(_("Write what is handed over."))
    within_meeting = (case.legal_basis == CaseReview.LegalBasis.SUPPORT_MEETING
                      and to_member.municipality_id == case.municipality_id)
    if consent is not None:
        if consent.case_id != case.pk:
            raise ValidationError(_("That consent belongs to another case."))
        consent = type(consent).objects.select_for_update().get(pk=consent.pk)
        check_covers(consent, to_member, items)
    elif not within_meeting:
        raise ValidationError(_("Choose the consent that covers this referral. Without consent, a case can only "
                                "be shared among the members of this municipality's support meeting."))
    referral = Referral.objects.create(case=case, consent=consent, from_member=from_member, to_member=to_member,
                                       items=items, message=message.strip(), sent_by=user)
    ReferralHistory.objects.create(referral=referral, user=user, from_state="", to_state=State.SENT)
    audit.record("tsunagu.referral.change", referral, by=user, data={"step": "send", "from": "", "to": State.SENT})
    log(user, case, Action.SHARE, _("referral to %(member)s") % {"member": to_member})
    return referral


def allowed_actions(user, referral):
    sides = access.referral_sides(user, referral)
    return [name for name, who in SIDES.items()
            if who in sides and can_proceed(getattr(referral, name), check_conditions=False)]


@transaction.atomic
def transition(user, referral, action, note=""):
    referral = Referral.objects.select_for_update().select_related("case", "to_member").get(pk=referral.pk)
    if action not in SIDES:
        raise ValidationError(_("Unknown action."))
    if SIDES[action] not in access.referral_sides(user, referral):
        raise PermissionDenied
    method = getattr(referral, action)
    if not can_proceed(method, check_conditions=False):
        raise ValidationError(_("This referral is %(state)s; that step is not possible now.")
                              % {"state": referral.get_state_display()})
    referral.note = note
    if not can_proceed(method, check_conditions=True):
        raise ValidationError(failed_guard(method))
    refuse_personal_data(note)
    previous = referral.state
    method()
    referral.save(update_fields=["state", "updated_at"])
    ReferralHistory.objects.create(referral=referral, user=user, from_state=previous, to_state=referral.state,
                                   note=note.strip())
    # The note stays in the referral's own encrypted history; the trail holds the step only.
    audit.record("tsunagu.referral.change", referral, by=user,
                 data={"step": action, "from": previous, "to": referral.state})
    return referral


def read(user, referral):
    """What one side may see of a referral; the read is logged against the case."""
    sides = access.referral_sides(user, referral)
    if not sides:
        raise PermissionDenied
    side = "receiver" if sides == {"receiver"} else "sender"
    log(user, referral.case, Action.VIEW, _("referral %(id)s (%(side)s)") % {"id": referral.pk, "side": SIDE_NAMES[side]})
    return side
