"""The private bucket on object storage: django-storages' S3Storage without URLs. Its objects are
written with a private ACL and read only by the permission-checked views, which stream them; no
screen is handed even a short-lived signed URL (tenants.storage.no_url)."""

from storages.backends.s3 import S3Storage

from .storage import no_url


class PrivateS3Storage(S3Storage):
    url = staticmethod(no_url)
