"""The audit trail's table: Wagtail's log entry with the municipality (and partner group) the
entry belongs to as indexed columns.

It is registered as the log entry model of every model of ours (tenants.audit.register), so
Wagtail's own create/edit/delete/publish entries land here too, and the admin's site history
report and per-object history read it like Wagtail's ModelLogEntry. The place is copied onto the
entry when it is written, so an entry about an object deleted since stays with its municipality."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models.audit_log import BaseLogEntry, ModelLogEntryManager


class AuditEntryManager(ModelLogEntryManager):
    # Set by tenants.audit.connect(), which knows where each model's entries belong and asks
    # tenants.access who reads them; this module stays below both. Until then nobody reads any.
    place_of = staticmethod(lambda instance: (None, None))
    title_of = staticmethod(lambda instance: None)
    entries_for = staticmethod(lambda user, entries: entries.none())

    def log_action(self, instance, action, **kwargs):
        municipality_id, organisation_id = self.place_of(instance)
        kwargs.setdefault("municipality_id", municipality_id)
        kwargs.setdefault("organisation_id", organisation_id)
        return super().log_action(instance, action, **kwargs)

    def get_instance_title(self, instance):
        return self.title_of(instance) or super().get_instance_title(instance)

    def viewable_by_user(self, user):
        return self.entries_for(user, self.all())


class AuditEntry(BaseLogEntry):
    object_id = models.CharField(max_length=255, blank=False, db_index=True)
    municipality = models.ForeignKey("tenants.Municipality", verbose_name=_("municipality"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    # Network's Organisation (tenants imports nothing above it, so a plain indexed id).
    organisation_id = models.BigIntegerField(_("partner group"), null=True, blank=True, db_index=True)

    objects = AuditEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["municipality", "-timestamp"], name="audit_municipality_time")]

    def __str__(self):
        return f"AuditEntry {self.pk}: {self.action} {self.object_id}"
