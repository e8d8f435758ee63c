"""Where uploads live. Two storages, chosen in cms/settings/storage.py: "public" (images,
renditions, public documents; served as plain files or public-bucket URLs) and "private"
(agreement documents, prospect files, consultation attachments, consent scans, members-only
documents; a directory outside MEDIA_ROOT or a bucket with no public read). Private bytes leave
only through views that ask tenants.access."""

from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

# Wagtail documents use the default storage (their FileField names none). Names under this
# prefix are kept in the private storage, without the prefix; every other name is public.
PRIVATE_PREFIX = "private/"


def is_private_name(name):
    return bool(name) and name.startswith(PRIVATE_PREFIX)


def no_url(*args, **kwargs):
    """A private file's URL: none. Empty rather than an exception, because Django's file widgets
    and templates ask every FieldFile for `.url` (an edit form of an agreement with its signed
    document would answer 500). Nothing can link past the permission-checked views."""
    return ""


class PrivateFileSystemStorage(FileSystemStorage):
    """PRIVATE_MEDIA_ROOT on the file backend; no URL (see no_url)."""

    url = staticmethod(no_url)


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


_private = _PrivateStorage()


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty


def private_storage():
    """A callable, so migrations refer to it rather than freezing a machine's path. It answers a
    lazy proxy of `storages["private"]`, resolved on first use (model fields call it at import)."""
    return _private


class RoutingStorage(Storage):
    """The default storage: names under PRIVATE_PREFIX go to the private storage, all others to
    the public one. Wagtail documents in members-only collections carry the prefix
    (tenants.private_documents moves them when their collection's restriction changes)."""

    def _route(self, name):
        if is_private_name(name):
            return storages["private"], name[len(PRIVATE_PREFIX):], PRIVATE_PREFIX
        return storages["public"], name, ""

    def save(self, name, content, max_length=None):
        backend, inner, prefix = self._route(name)
        if max_length is not None:
            max_length -= len(prefix)
        return prefix + backend.save(inner, content, max_length=max_length)

    def generate_filename(self, filename):
        backend, inner, prefix = self._route(filename)
        return prefix + backend.generate_filename(inner)

    def get_available_name(self, name, max_length=None):
        backend, inner, prefix = self._route(name)
        if max_length is not None:
            max_length -= len(prefix)
        return prefix + backend.get_available_name(inner, max_length=max_length)

    def _open(self, name, mode="rb"):
        backend, inner, _prefix = self._route(name)
        return backend.open(inner, mode)

    def delete(self, name):
        backend, inner, _prefix = self._route(name)
        backend.delete(inner)

    def exists(self, name):
        backend, inner, _prefix = self._route(name)
        return backend.exists(inner)

    def size(self, name):
        backend, inner, _prefix = self._route(name)
        return backend.size(inner)

    def path(self, name):
        backend, inner, _prefix = self._route(name)
        return backend.path(inner)

    def url(self, name):
        if is_private_name(name):
            # Wagtail's serve view tolerates this and streams; nothing may link past it.
            raise NotImplementedError("Members-only documents have no direct URL.")
        return storages["public"].url(name)

    def listdir(self, path):
        backend, inner, _prefix = self._route(path)
        return backend.listdir(inner)

    def get_modified_time(self, name):
        backend, inner, _prefix = self._route(name)
        return backend.get_modified_time(inner)

    def get_created_time(self, name):
        backend, inner, _prefix = self._route(name)
        return backend.get_created_time(inner)

    def get_accessed_time(self, name):
        backend, inner, _prefix = self._route(name)
        return backend.get_accessed_time(inner)
