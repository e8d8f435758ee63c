"""Consent records (同意) for consent-based cases: recording, the scan of the signed form
(encrypted on disk), withdrawal, and the one question referrals ask: does a consent cover this?"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants import access, crypto
from tenants.uploads import SCANS, check_upload

from ...models import CaseAccessLog, CaseReview, Consent, ShareItem
from ...models.platforms import current_members
from ..pii import refuse_personal_data
from .casereviews import log

Action = CaseAccessLog.Action
MAX_SCAN_BYTES = 10 * 1024 * 1024
# The scan is checked by its content, never its name: PDF, JPEG or PNG.
SCAN_SIGNATURES = {b"%PDF-": "pdf", b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png"}


def scan_kind(data: bytes):
    return next((kind for magic, kind in SCAN_SIGNATURES.items() if data.startswith(magic)), None)


def _clean_items(items):
    chosen = [value for value in ShareItem.values if value in set(items or [])]
    if not chosen or set(items) - set(ShareItem.values):
        raise ValidationError(_("Choose at least one item of information the consent covers."))
    return chosen


@transaction.atomic
def record_consent(user, case, *, given_by, items, recipients, purpose, given_on, method, scan=None):
    if not access.can_change_case(user, case) or case.anonymised_on:
        raise PermissionDenied
    if case.legal_basis != CaseReview.LegalBasis.CONSENT:
        raise ValidationError(_("This case is reviewed as a support meeting; it does not record consents."))
    if given_on > timezone.localdate():
        raise ValidationError(_("The date of consent cannot be in the future."))
    recipients = list(recipients)
    if not recipients:
        raise ValidationError(_("Choose at least one receiving organisation."))
    if method == Consent.Method.SIGNED_FORM and scan is None:
        raise ValidationError(_("Attach the scan of the signed consent form."))
    if not (purpose or "").strip():
        raise ValidationError(_("State the purpose the consent was given for."))
    consent = Consent(case=case, given_by=given_by, items=_clean_items(items), purpose=purpose.strip(),
                      given_on=given_on, method=method, recorded_by=user)
    if scan is not None:
        kind = check_upload(scan, SCANS, MAX_SCAN_BYTES)
        scan.seek(0)
        data = scan.read()
        consent.scan.save(f"consent-{case.code}.{kind}.enc", ContentFile(crypto.encrypt_bytes(data)), save=False)
    consent.save()
    consent.recipients.set(recipients)
    log(user, case, Action.CHANGE, _("consent recorded"))
    return consent


def read_scan(user, consent):
    """The decrypted scan and its file extension, for a permitted reader; the read is logged."""
    if not access.can_see_case(user, consent.case) or not consent.scan:
        raise PermissionDenied
    with consent.scan.open("rb") as handle:
        data = crypto.decrypt_bytes(handle.read())
    log(user, consent.case, Action.DOWNLOAD, _("consent scan"))
    return data, scan_kind(data) or "bin"


@transaction.atomic
def withdraw_consent(user, consent, *, on=None, note=""):
    if not access.can_change_case(user, consent.case):
        raise PermissionDenied
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    refuse_personal_data(note)
    consent.withdrawn_on, consent.withdrawal_note = on or timezone.localdate(), note
    consent.save(update_fields=["withdrawn_on", "withdrawal_note"])
    log(user, consent.case, Action.CHANGE, _("consent withdrawn"))
    return consent


def recipient_choices(case):
    """Organisations a consent may name: current platform members of any municipality (a
    referral may cross municipal lines)."""
    return (current_members(None)
            .select_related("organisation", "municipality").order_by("municipality__code", "role", "pk"))


def check_covers(consent, to_member, items):
    """Raise ValidationError unless `consent` is active and covers sharing `items` with `to_member`."""
    if consent.withdrawn_on is not None:
        raise ValidationError(_("The consent was withdrawn on %(date)s; nothing more may be shared under it.")
                              % {"date": consent.withdrawn_on.strftime("%Y年%m月%d日")})
    if not consent.recipients.filter(pk=to_member.pk).exists():
        raise ValidationError(_("The consent does not cover sharing with %(member)s.") % {"member": to_member})
    outside = [label for value, label in ShareItem.choices if value in items and value not in consent.items]
    if outside:
        raise ValidationError(_("The consent does not cover: %(items)s.") % {"items": "、".join(map(str, outside))})
