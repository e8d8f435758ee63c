"""Closed case reviews are anonymised TSUNAGU_CASE_RETENTION_DAYS after closing: free text, agreed
actions, consent scans and referral messages go; the code, municipality, dates, legal basis and
categories stay for the municipality's statistics. Participants lose their grants. The access
log is kept as it is.

A consent scan is deleted from the private storage and the deletion is written to the case's
access log; a scan already missing from the storage is logged as a warning, written to the access
log and counted in the task's result, never passed over in silence."""

import datetime
import logging
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.models import UserObjectPermission

from ..models import AgreedAction, CaseAccessLog, CaseReview, Consent, Referral, ReferralHistory
from .services.casereviews import log

logger = logging.getLogger("tsunagu.retention")


def cutoff(today=None):
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=settings.TSUNAGU_CASE_RETENTION_DAYS)


def delete_scan(case, consent, report):
    name, storage = consent.scan.name, consent.scan.storage
    if not storage.exists(name):
        logger.warning("consent scan %s of case %s was already missing from the private storage", name, case.code)
        report["scans_missing"] += 1
        log(None, case, CaseAccessLog.Action.ANONYMISE, _("Retention: the consent scan was already missing (%(name)s)") % {"name": name})
        return
    storage.delete(name)
    if storage.exists(name):
        # Rolls the anonymisation back: the case must not look done while the scan remains.
        raise RuntimeError(f"consent scan {name} of case {case.code} is still in the private storage")
    report["scans_deleted"] += 1
    log(None, case, CaseAccessLog.Action.ANONYMISE, _("Retention: the consent scan was deleted (%(name)s)") % {"name": name})


def anonymise_case(case, today=None, report=None):
    today = today or timezone.localdate()
    report = Counter() if report is None else report
    with transaction.atomic():
        case = CaseReview.objects.select_for_update().get(pk=case.pk)
        if case.anonymised_on is not None:
            return False
        AgreedAction.objects.filter(case=case).delete()
        for consent in Consent.objects.filter(case=case):
            if consent.scan:
                delete_scan(case, consent, report)
            consent.purpose, consent.withdrawal_note, consent.scan = "", "", ""
            consent.save(update_fields=["purpose", "withdrawal_note", "scan"])
        Referral.objects.filter(case=case).update(message="")
        ReferralHistory.objects.filter(referral__case=case).update(note="")
        UserObjectPermission.objects.filter(
            content_type__app_label="network", content_type__model="casereview", object_pk=str(case.pk)).delete()
        case.summary, case.anonymised_on = "", today
        case.save(update_fields=["summary", "anonymised_on", "updated_at"])
        log(None, case, CaseAccessLog.Action.ANONYMISE, _("Retention period passed"))
    return True


def anonymise_expired(today=None, report=None):
    """Anonymise every closed case past the retention period; returns how many. `report` (a
    Counter) receives "cases", "scans_deleted" and "scans_missing"."""
    report = Counter() if report is None else report
    due = CaseReview.objects.filter(status=CaseReview.Status.CLOSED, anonymised_on=None,
                                    closed_on__lte=cutoff(today))
    report["cases"] += sum(anonymise_case(case, today, report) for case in due.iterator())
    return report["cases"]
