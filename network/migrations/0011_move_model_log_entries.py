"""Entries Wagtail wrote to ModelLogEntry for this app's models move to the audit trail
(tenants.AuditEntry, where their history pages now read), placed in their municipality."""

from django.db import migrations

from tenants.audit_moves import mover

move = mover({
    ("network", "consultationwindow"): "municipality",
    ("network", "platformmembership"): "municipality",
    ("network", "organisation"): "base_municipality",
    ("network", "casereview"): "municipality",
    ("network", "consent"): "case__municipality",
    ("network", "referral"): "case__municipality",
    ("network", "editorinvitation"): "organisation__base_municipality",
})


class Migration(migrations.Migration):

    dependencies = [("network", "0010_referral_state_fsm"), ("tenants", "0004_audit_entries")]

    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
