"""The only code that changes an agreement's state: renewal and termination, each in one
transaction, logged in Wagtail's audit log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import Agreement


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
    log(instance=renewal, action="tsunagu.agreement.renew", user=user, data={"renews": agreement.number})
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
    log(instance=agreement, action="tsunagu.agreement.terminate", user=user, data={"reason": reason})
    return agreement
