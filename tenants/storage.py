"""Where private files live: outside MEDIA_ROOT, served only by permission-checked views."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage():
    """A callable, so migrations refer to it rather than freezing a machine's path."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)
