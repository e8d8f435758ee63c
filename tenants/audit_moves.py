"""Moving the entries Wagtail wrote to ModelLogEntry for an app's models onto the audit trail
(tenants.AuditEntry), each placed in the municipality its object belongs to while it still
exists. Each app's own migration names its models and their paths to the municipality (as it
registers them with tenants.audit), so tenants names no app above it."""

FIELDS = ["content_type_id", "label", "action", "data", "timestamp", "uuid", "user_id", "revision_id",
          "content_changed", "deleted", "object_id"]


def _municipality_id(model, lookup, object_id):
    if lookup is None:
        return None
    obj = model._base_manager.filter(pk=object_id).first()
    for part in lookup.split("__") if lookup else []:
        obj = getattr(obj, part, None) if obj is not None else None
    return getattr(obj, "pk", None)


def mover(places):
    """A RunPython function moving the entries of `places`: {(app_label, model_name): path to the
    municipality ("" for a municipality itself, None for no municipality)}."""

    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
        AuditEntry = apps.get_model("tenants", "AuditEntry")
        for (app_label, model_name), lookup in places.items():
            content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
            if content_type is None:
                continue
            model = apps.get_model(app_label, model_name)
            entries = ModelLogEntry.objects.filter(content_type=content_type)
            found = {}
            for entry in entries.order_by("pk"):
                if entry.object_id not in found:
                    found[entry.object_id] = _municipality_id(model, lookup, entry.object_id)
                AuditEntry.objects.create(municipality_id=found[entry.object_id],
                                          **{field: getattr(entry, field) for field in FIELDS})
            entries.delete()

    return move
