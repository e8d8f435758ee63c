"""Uploads are checked by what they contain, never by their name alone: the content must be one
of the allowed kinds (magic bytes read by `filetype`; CSV and text must decode as UTF-8 or
Shift_JIS and hold no binary), the name's extension must agree with it, the size is capped, and an office file (a zip archive) may not unpack to much more than it
holds."""

import os
import zipfile

import filetype
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
TEXT_KINDS = {"csv", "txt"}
EXTENSIONS = {  # kind -> extensions a file of that kind may carry
    "pdf": {"pdf"}, "jpg": {"jpg", "jpeg"}, "png": {"png"}, "gif": {"gif"}, "webp": {"webp"},
    "docx": {"docx"}, "xlsx": {"xlsx"}, "pptx": {"pptx"}, "csv": {"csv"}, "txt": {"txt"},
}
LABELS = {"pdf": "PDF", "jpg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WebP", "docx": "Word",
          "xlsx": "Excel", "pptx": "PowerPoint", "csv": "CSV", "txt": "テキスト"}
DOCUMENTS = frozenset({"pdf", "docx", "xlsx", "pptx", "csv", "txt", "jpg", "png"})
SCANS = frozenset({"pdf", "jpg", "png"})
# Office files are zip archives. A small upload can unpack to gigabytes (a "zip bomb") in whatever
# opens it later (a preview, a search indexer, a coordinator's own computer), so the archive's
# central directory is read, without extracting anything, and held to what real office files do:
# a large Excel workbook unpacks to a few tens of MB at ratios below 100.
ARCHIVES = frozenset({"docx", "xlsx", "pptx"})
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_RATIO = 200


def _head(upload, size=8192):
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    data = upload.read(size)
    upload.seek(position)
    return data


def _is_text(data):
    if b"\x00" in data:
        return False
    for encoding in ("utf-8-sig", "cp932"):
        try:
            data.decode(encoding)
            return True
        except UnicodeDecodeError as error:
            if encoding == "utf-8-sig" and error.start >= len(data) - 3:  # a character cut at 8 KB
                return True
    return False


def sniff(upload):
    """The kind the content shows (a key of EXTENSIONS), or None."""
    data = _head(upload)
    guessed = filetype.guess(data)
    if guessed is not None:
        return "jpg" if guessed.extension in {"jpg", "jpeg"} else guessed.extension
    extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    if extension in TEXT_KINDS and _is_text(data):
        return extension
    return None


def _check_archive(upload, name):
    position = upload.tell()
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise ValidationError(_("%(name)s is damaged and cannot be opened as an office file.") % {"name": name},
                              code="archive_damaged") from None
    finally:
        upload.seek(position)
    unpacked = sum(entry.file_size for entry in entries)
    packed = max(sum(entry.compress_size for entry in entries), 1)
    if len(entries) > MAX_ENTRIES or unpacked > MAX_UNPACKED_BYTES or (
            unpacked > 1024 * 1024 and unpacked / packed > MAX_RATIO):
        raise ValidationError(
            _("%(name)s would unpack to %(size)s MB in %(count)s parts, far more than an office file holds "
              "(at most %(limit)s MB). Save it again from Word, Excel or PowerPoint, or send it as a PDF.")
            % {"name": name, "size": unpacked // (1024 * 1024), "count": len(entries),
               "limit": MAX_UNPACKED_BYTES // (1024 * 1024)}, code="archive_too_large")


def check_upload(upload, allowed=DOCUMENTS, max_bytes=MAX_BYTES):
    """Raise a ValidationError in Japanese unless `upload` is an allowed kind, named as such and
    no larger than `max_bytes`. Returns the kind."""
    name = os.path.basename(upload.name or "")
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(_("%(name)s is larger than %(size)s MB.") % {"name": name, "size": max_bytes // (1024 * 1024)},
                              code="too_large")
    kind = sniff(upload)
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if kind not in allowed or extension not in EXTENSIONS.get(kind, set()):
        raise ValidationError(
            _("%(name)s: the file's content is not one of the allowed kinds (%(kinds)s), or its name does not "
              "match its content.") % {"name": name, "kinds": "・".join(LABELS[k] for k in sorted(allowed))},
            code="file_type")
    if kind in ARCHIVES:
        _check_archive(upload, name)
    return kind


@deconstructible
class UploadValidator:
    """A model/form field validator wrapping check_upload."""

    def __init__(self, allowed=DOCUMENTS, max_bytes=MAX_BYTES):
        self.allowed, self.max_bytes = frozenset(allowed), max_bytes

    def __call__(self, upload):
        if upload and hasattr(upload, "read") and not getattr(upload, "_committed", False):
            check_upload(upload, self.allowed, self.max_bytes)

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and (self.allowed, self.max_bytes) == (other.allowed, other.max_bytes)


def refuse_members_only_images(collection):
    """Images are served as plain files (originals and renditions under /media/), so a view
    restriction on their collection would not hold: they are kept out of members-only
    collections, which take documents (served through the restricted view) instead."""
    from wagtail.models import CollectionViewRestriction

    if collection is not None and CollectionViewRestriction.objects.filter(
            collection__in=collection.get_ancestors(inclusive=True)).exists():
        raise ValidationError(_("Images are shown to anyone, so they cannot go into a members-only collection. "
                                "Put members-only material in a document (for example a PDF) instead."))
