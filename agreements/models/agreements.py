"""Agreements (協定) between Tokyo and partner groups, and the reminders sent about them.

Status is derived from the dates and a termination, never stored: an agreement is active from
valid_from until valid_until (open-ended when empty) unless terminated; "expiring" is active with
fewer than EXPIRING_DAYS left."""

import datetime
import re

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from tenants.storage import private_storage
from tenants.uploads import UploadValidator

EXPIRING_DAYS = 60

# The mutual commitments of the agreement, as in the Social-Participation programme (seed 000).
DEFAULT_COMMITMENTS = """【連携団体】
①ガイドラインの理念に沿った多様な手法によるサポートを継続する
②都サポートネットと連携してサポートする
③地域における連携ネットワーク構築に協力する
【東京都】
①連携団体の取組等を区市町村に情報提供し、都民に周知する
②都サポートネットの相談支援において連携団体と協力してサポートする
③連携団体に対し、コンサルティング、交流会、研修等を提供する"""


def active_q(today, prefix=""):
    """Agreements in force on `today` (optionally seen through a relation `prefix`)."""
    p = prefix
    return (Q(**{f"{p}valid_from__lte": today})
            & (Q(**{f"{p}valid_until__isnull": True}) | Q(**{f"{p}valid_until__gte": today}))
            & (Q(**{f"{p}terminated_on__isnull": True}) | Q(**{f"{p}terminated_on__gt": today})))


class Agreement(index.Indexed, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Not yet in force")
        ACTIVE = "active", _("Active")
        EXPIRING = "expiring", _("Expiring soon")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    number = models.CharField(_("agreement number"), max_length=30, unique=True)
    organisation = models.ForeignKey("network.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="agreements")
    signed_on = models.DateField(_("signed on"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True,
                                   help_text=_("Leave empty for an agreement without a fixed end."))
    document = models.FileField(_("signed document"), storage=private_storage,
                                upload_to="agreements/%Y/", blank=True, validators=[UploadValidator()])
    commitments = models.TextField(_("mutual commitments"), default=DEFAULT_COMMITMENTS)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_reason = models.TextField(_("reason for termination"), blank=True)
    renews = models.OneToOneField("self", verbose_name=_("renews"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="renewed_by")
    note = models.TextField(_("note"), blank=True)

    # The tenant-safe chooser narrows searches by id (tenants.viewsets).
    search_fields = [index.SearchField("number"), index.AutocompleteField("number"),
                     index.SearchField("number_words"), index.AutocompleteField("number_words"),
                     index.FilterField("id")]

    class Meta:
        ordering = ["-valid_from", "number"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="agreement_valid_range_ordered"),
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=True) | ~Q(termination_reason=""),
                name="agreement_termination_has_reason"),
        ]

    def __str__(self):
        return f"{self.number} {self.organisation}"

    def number_words(self):
        """The number's parts as separate words (協定-2026-007 → 協定 2026 007): PostgreSQL's
        parser reads "-2026" as one signed number, which a search for 2026 never matched."""
        return " ".join(re.findall(r"\w+", self.number))

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end date must not be before the start date.")
        if self.terminated_on and not self.termination_reason.strip():
            errors["termination_reason"] = _("Give the reason for the termination.")
        if self.signed_on and self.valid_from and self.signed_on > self.valid_from + datetime.timedelta(days=366):
            errors["signed_on"] = _("The signing date is more than a year after the start date.")
        if errors:
            raise ValidationError(errors)

    def status_on(self, today=None):
        today = today or timezone.localdate()
        if self.terminated_on and self.terminated_on <= today:
            return self.Status.TERMINATED
        if today < self.valid_from:
            return self.Status.PENDING
        if self.valid_until and today > self.valid_until:
            return self.Status.EXPIRED
        if self.valid_until and (self.valid_until - today).days < EXPIRING_DAYS:
            return self.Status.EXPIRING
        return self.Status.ACTIVE

    @property
    def status(self):
        return self.status_on()

    def get_status_display(self):
        return self.Status(self.status).label


class ReminderSent(models.Model):
    """One row per reminder sent, so a daily task run twice never sends it twice."""

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=100)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="reminder_sent_once")]
