"""Re-encrypt every case record and consent scan with the first key of TSUNAGU_CASE_KEYS.

Rotation: put the new key first in TSUNAGU_CASE_KEYS (keep the old one after it), deploy, run this
command, then remove the old key."""

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction

from tenants import crypto
from network.models import AgreedAction, CaseReview, Consent, Referral, ReferralHistory

ENCRYPTED = [
    (CaseReview, ["summary"]),
    (AgreedAction, ["action"]),
    (Consent, ["purpose", "withdrawal_note"]),
    (Referral, ["message"]),
    (ReferralHistory, ["note"]),
]


class Command(BaseCommand):
    help = "Re-encrypt case records and consent scans with the newest key in TSUNAGU_CASE_KEYS."

    def handle(self, *args, **options):
        total = 0
        for model, fields in ENCRYPTED:
            rows = 0
            for pk in model.objects.values_list("pk", flat=True).iterator():
                with transaction.atomic():
                    obj = model.objects.select_for_update().get(pk=pk)
                    # Saving writes with the first key; reading accepted any configured key.
                    model.objects.filter(pk=pk).update(**{name: getattr(obj, name) for name in fields})
                rows += 1
            total += rows
            self.stdout.write(f"{model._meta.label}: {rows} rows re-encrypted")
        scans = 0
        for consent in Consent.objects.exclude(scan="").iterator():
            with consent.scan.open("rb") as handle:
                rotated = crypto.rotate_bytes(handle.read())
            # A new object beside the old one, then the row points at it: a crash never leaves
            # half a file, and object storage (which cannot rewrite in place) works the same way.
            storage, old_name = consent.scan.storage, consent.scan.name
            new_name = storage.save(old_name, ContentFile(rotated), max_length=consent.scan.field.max_length)
            Consent.objects.filter(pk=consent.pk, scan=old_name).update(scan=new_name)
            storage.delete(old_name)
            scans += 1
        self.stdout.write(self.style.SUCCESS(f"{total} rows and {scans} scans now use the newest key."))
