"""Entries Wagtail wrote to ModelLogEntry for this app's models move to the audit trail
(tenants.AuditEntry, where their history pages now read), placed in their municipality."""

from django.db import migrations

from tenants.audit_moves import mover

move = mover({
    ("agreements", "prospect"): "referred_by",
    ("agreements", "sitevisit"): "prospect__referred_by",
    ("agreements", "agreement"): None,
})


class Migration(migrations.Migration):

    dependencies = [("agreements", "0006_private_storage_callable"), ("tenants", "0004_audit_entries")]

    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
