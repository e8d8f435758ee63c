"""Members-only documents live in the private storage. A Wagtail document whose collection (or an
ancestor) has a view restriction carries the "private/" name prefix, which tenants.storage routes
to the private storage; every other document is public. Wagtail's serve view, which asks the
restriction, is then the only way to its bytes (WAGTAILDOCS_SERVE_METHOD = "serve_view").

New uploads into a restricted collection are written straight to the private storage. A document
moved into or out of such a collection, and every document of a collection that gains or loses a
restriction, has its file moved: copied, renamed, the old copy deleted. The old copy is deleted
only once the transaction commits, and a move *out* of the private storage happens only after
commit, so a rolled-back change never leaves members-only bytes in public storage."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from .storage import PRIVATE_PREFIX, is_private_name

logger = logging.getLogger("tsunagu.storage")


def is_restricted(collection):
    return collection is not None and collection.get_view_restrictions().exists()


def _private_name(name):
    return name if is_private_name(name) else PRIVATE_PREFIX + name


def _public_name(name):
    return name[len(PRIVATE_PREFIX):] if is_private_name(name) else name


def _copy(document, target):
    """Copy the document's file to `target` (routed by its prefix); returns the saved name."""
    storage = document.file.storage
    with storage.open(document.file.name, "rb") as handle:
        return storage.save(target, handle, max_length=document.file.field.max_length)


def _rename(document, new_name):
    old_name = document.file.name
    get_document_model().objects.filter(pk=document.pk, file=old_name).update(file=new_name)
    document.file.name = new_name
    logger.info("document %s moved from %s to %s", document.pk, old_name, new_name)
    storage = document.file.storage
    transaction.on_commit(lambda: storage.delete(old_name))


def place_document(document):
    """Move the document's file to the storage its collection calls for; True if it moved."""
    if not document.file.name:
        return False
    private = is_restricted(document.collection)
    if private == is_private_name(document.file.name):
        return False
    if private:
        _rename(document, _copy(document, _private_name(document.file.name)))
    else:
        pk = document.pk
        transaction.on_commit(lambda: _publish_after_commit(pk))
    return True


def _publish_after_commit(pk):
    document = get_document_model().objects.filter(pk=pk).select_related("collection").first()
    if document is None or is_restricted(document.collection) or not is_private_name(document.file.name):
        return
    with transaction.atomic():
        _rename(document, _copy(document, _public_name(document.file.name)))


def place_collection_documents(collection):
    collections = Collection.objects.descendant_of(collection, inclusive=True)
    documents = get_document_model().objects.filter(collection__in=collections).select_related("collection")
    return sum(place_document(document) for document in documents.iterator())


def _write_new_upload_privately(sender, instance, **kwargs):
    upload = instance.file
    if not upload or upload._committed or not is_restricted(instance.collection):
        return
    # Saved here, under the private prefix, so the bytes never touch the public storage.
    name = upload.field.generate_filename(instance, upload.name)
    upload.name = upload.storage.save(_private_name(name), upload.file, max_length=upload.field.max_length)
    upload._committed = True


def _document_saved(sender, instance, **kwargs):
    place_document(instance)


def _restriction_changed(sender, instance, **kwargs):
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is not None:
        place_collection_documents(collection)


def connect():
    Document = get_document_model()
    pre_save.connect(_write_new_upload_privately, sender=Document, dispatch_uid="tsunagu-private-upload")
    post_save.connect(_document_saved, sender=Document, dispatch_uid="tsunagu-place-document")
    post_save.connect(_restriction_changed, sender=CollectionViewRestriction,
                      dispatch_uid="tsunagu-restriction-saved")
    post_delete.connect(_restriction_changed, sender=CollectionViewRestriction,
                        dispatch_uid="tsunagu-restriction-deleted")
