"""Entries Wagtail wrote to ModelLogEntry for this app's models move to the audit trail
(tenants.AuditEntry, where their history pages now read), placed in their municipality."""

from django.db import migrations

from tenants.audit_moves import mover

move = mover({
    ("training", "event"): "municipality",
    ("training", "application"): "event__municipality",
    ("training", "consultationrequest"): None,
    ("training", "expert"): None,
})


class Migration(migrations.Migration):

    dependencies = [("training", "0004_event_max_per_group"), ("tenants", "0004_audit_entries")]

    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
