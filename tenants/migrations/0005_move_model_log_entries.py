"""Entries Wagtail wrote to ModelLogEntry for municipalities move to AuditEntry (where their
history pages now read). Each app above moves its own models' entries in its own migration."""

from django.db import migrations

from tenants.audit_moves import mover

move = mover({("tenants", "municipality"): ""})


class Migration(migrations.Migration):

    dependencies = [("tenants", "0004_audit_entries")]

    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
