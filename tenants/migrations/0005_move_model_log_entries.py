"""Entries Wagtail wrote to ModelLogEntry for our models move to AuditEntry (where their history
pages now read), placed in the municipality their object belongs to while it still exists."""

from django.db import migrations

# (app, model) → path to the municipality, as registered with tenants.audit
PLACES = {
    ("tenants", "municipality"): "",
    ("network", "consultationwindow"): "municipality",
    ("network", "platformmembership"): "municipality",
    ("network", "organisation"): "base_municipality",
    ("network", "casereview"): "municipality",
    ("network", "consent"): "case__municipality",
    ("network", "referral"): "case__municipality",
    ("network", "editorinvitation"): "organisation__base_municipality",
    ("agreements", "prospect"): "referred_by",
    ("agreements", "sitevisit"): "prospect__referred_by",
    ("agreements", "agreement"): None,
    ("training", "event"): "municipality",
    ("training", "application"): "event__municipality",
    ("training", "consultationrequest"): None,
    ("training", "expert"): None,
}
FIELDS = ["content_type_id", "label", "action", "data", "timestamp", "uuid", "user_id", "revision_id",
          "content_changed", "deleted", "object_id"]


def _municipality_id(apps, app_label, model_name, lookup, object_id):
    if lookup is None:
        return None
    model = apps.get_model(app_label, model_name)
    obj = model._base_manager.filter(pk=object_id).first()
    for part in lookup.split("__") if lookup else []:
        obj = getattr(obj, part, None) if obj is not None else None
    return getattr(obj, "pk", None)


def move(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    AuditEntry = apps.get_model("tenants", "AuditEntry")
    for (app_label, model_name), lookup in PLACES.items():
        content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
        if content_type is None:
            continue
        entries = ModelLogEntry.objects.filter(content_type=content_type)
        places = {}
        for entry in entries.order_by("pk"):
            if entry.object_id not in places:
                places[entry.object_id] = _municipality_id(apps, app_label, model_name, lookup, entry.object_id)
            AuditEntry.objects.create(municipality_id=places[entry.object_id],
                                      **{field: getattr(entry, field) for field in FIELDS})
        entries.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("tenants", "0004_audit_entries"),
        ("network", "0010_referral_state_fsm"),
        ("agreements", "0006_private_storage_callable"),
        ("training", "0003_application_status_fsm"),
    ]

    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
