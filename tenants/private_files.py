"""Moving private files left in old locations into the private storage (`manage.py
move_private_files`): files of every model field stored with tenants.storage.private_storage that
the private storage lacks but the public storage, MEDIA_ROOT or a local PRIVATE_MEDIA_ROOT (before
object storage) still holds, and Wagtail documents of members-only collections stored publicly.
Running it again moves nothing."""

import logging
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import models, transaction
from wagtail.documents import get_document_model

from .private_documents import is_restricted, place_document
from .storage import is_private_name, private_storage

logger = logging.getLogger("tsunagu.storage")


def private_file_fields():
    """(model, field name) of every FileField whose storage is private_storage, in any app."""
    return [(model, field.name) for model in apps.get_models() for field in model._meta.get_fields()
            if isinstance(field, models.FileField) and getattr(field, "_storage_callable", None) is private_storage]


def old_locations():
    """Storages a private file may have been written to before, the current private one excepted."""
    candidates = [storages["public"], FileSystemStorage(location=settings.MEDIA_ROOT),
                  FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)]
    private = storages["private"]
    seen, found = set(), []
    for storage in candidates:
        where = Path(storage.location).resolve() if isinstance(storage, FileSystemStorage) else id(storage)
        if where in seen or storage is private or (
                isinstance(private, FileSystemStorage) and where == Path(private.location).resolve()):
            continue
        seen.add(where)
        found.append(storage)
    return found


def _move_field_file(model, field_name, obj, sources, counts):
    fieldfile = getattr(obj, field_name)
    name = fieldfile.name
    private = storages["private"]
    if private.exists(name):
        return
    source = next((storage for storage in sources if storage.exists(name)), None)
    if source is None:
        logger.warning("%s %s: %s is in no storage", model._meta.label, obj.pk, name)
        counts["missing"] += 1
        return
    with source.open(name, "rb") as handle:
        saved = private.save(name, handle, max_length=fieldfile.field.max_length)
    if saved != name:
        model._default_manager.filter(pk=obj.pk).update(**{field_name: saved})
    source.delete(name)
    counts["files"] += 1


def move_private_files():
    """Returns a Counter: "files" moved, "documents" moved, "missing" files found nowhere."""
    counts = Counter(files=0, documents=0, missing=0)
    sources = old_locations()
    for model, field_name in private_file_fields():
        rows = model._default_manager.exclude(**{field_name: ""}).only("pk", field_name)
        for obj in rows.iterator():
            _move_field_file(model, field_name, obj, sources, counts)
    Document = get_document_model()
    for document in Document.objects.select_related("collection").iterator():
        if is_restricted(document.collection) and not is_private_name(document.file.name):
            if not document.file.storage.exists(document.file.name):
                logger.warning("document %s: %s is in no storage", document.pk, document.file.name)
                counts["missing"] += 1
                continue
            with transaction.atomic():
                counts["documents"] += place_document(document)
    return counts
