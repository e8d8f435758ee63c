"""Around a partner group's profile: editor invitations and the yearly confirmation reminder."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EditorInvitation(models.Model):
    """A single-use, expiring invitation to become an editor of one organisation's profile.

    The emailed link carries a signed id (network.profiles.services); this row says whether it is
    still usable: not expired, not accepted, not revoked."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    organisation = models.ForeignKey("network.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("editor invitation")
        verbose_name_plural = _("editor invitations")

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def status(self):
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    def get_status_display(self):
        return self.Status(self.status).label


class ProfileReminder(models.Model):
    """One row per organisation and fiscal year: the yearly "please confirm your profile" email
    is recorded here in the same transaction that queues it, so it goes out once."""

    organisation = models.ForeignKey("network.Organisation", on_delete=models.CASCADE,
                                     related_name="profile_reminders")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        verbose_name = _("profile reminder")
        verbose_name_plural = _("profile reminders")
        constraints = [models.UniqueConstraint(fields=["organisation", "fiscal_year"],
                                               name="one_profile_reminder_per_fiscal_year")]
