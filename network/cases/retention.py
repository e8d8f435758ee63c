"""Closed case reviews are anonymised TSUNAGU_CASE_RETENTION_DAYS after closing: free text, agreed
actions, consent scans and referral messages go; the code, municipality, dates, legal basis and
categories stay for the municipality's statistics. Participants lose their grants. The access
log is kept as it is."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from guardian.models import UserObjectPermission

from ..models import AgreedAction, CaseAccessLog, CaseReview, Consent, Referral, ReferralHistory
from .services.casereviews import log


def cutoff(today=None):
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=settings.TSUNAGU_CASE_RETENTION_DAYS)


def anonymise_case(case, today=None):
    today = today or timezone.localdate()
    with transaction.atomic():
        case = CaseReview.objects.select_for_update().get(pk=case.pk)
        if case.anonymised_on is not None:
            return False
        AgreedAction.objects.filter(case=case).delete()
        for consent in Consent.objects.filter(case=case):
            if consent.scan:
                consent.scan.delete(save=False)
            consent.purpose, consent.withdrawal_note, consent.scan = "", "", ""
            consent.save(update_fields=["purpose", "withdrawal_note", "scan"])
        Referral.objects.filter(case=case).update(message="")
        ReferralHistory.objects.filter(referral__case=case).update(note="")
        UserObjectPermission.objects.filter(
            content_type__app_label="network", content_type__model="casereview", object_pk=str(case.pk)).delete()
        case.summary, case.anonymised_on = "", today
        case.save(update_fields=["summary", "anonymised_on", "updated_at"])
        log(None, case, CaseAccessLog.Action.ANONYMISE, "retention")
    return True


def anonymise_expired(today=None):
    """Anonymise every closed case past the retention period; returns how many."""
    due = CaseReview.objects.filter(status=CaseReview.Status.CLOSED, anonymised_on=None,
                                    closed_on__lte=cutoff(today))
    return sum(anonymise_case(case, today) for case in due.iterator())
