"""Where uploads are stored, chosen by TSUNAGU_STORAGE (docs/deployment.md, "Storage").

- "files" (the embedded default when unset): MEDIA_ROOT for public uploads, PRIVATE_MEDIA_ROOT for
  private files; one server only, since every app server would otherwise keep its own uploads.
- "s3": an S3-compatible object store (政府クラウド, on-premise MinIO, AWS) with path-style
  addressing; TSUNAGU_S3_BUCKET holds public uploads, TSUNAGU_S3_PRIVATE_BUCKET (no public read)
  private files, read only by the application's own signed requests; they have no URL.

"default" is tenants.storage.RoutingStorage: Wagtail documents know no other storage, so names
under "private/" (members-only documents) go to "private", everything else to "public"."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
S3_VARIABLES = ("TSUNAGU_S3_ENDPOINT_URL", "TSUNAGU_S3_REGION", "TSUNAGU_S3_ACCESS_KEY_ID",
                "TSUNAGU_S3_SECRET_ACCESS_KEY", "TSUNAGU_S3_BUCKET", "TSUNAGU_S3_PRIVATE_BUCKET")
# Private objects get no URL (tenants.private_s3); were one signed, it would expire after a minute.
PRIVATE_URL_SECONDS = 60
STATICFILES = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
ROUTING = {"BACKEND": "tenants.storage.RoutingStorage"}


# Under production settings nothing here raises: the start-up checks (cms/ops/checks.py,
# tsunagu.E010-E012) report an unsafe or incomplete choice together with every other problem, and
# the process refuses to start. Elsewhere (demo, tests) the settings themselves refuse it.
STRICT = os.environ.get("DJANGO_SETTINGS_MODULE", "") != "cms.settings.production"


def _refuse(message, strict):
    if strict:
        raise ImproperlyConfigured(message)


def media_roots(environ, strict=True):
    var_dir = Path(environ.get("TSUNAGU_VAR_DIR", BASE_DIR / "var"))
    media_root = Path(environ.get("MEDIA_ROOT", var_dir / "media")).resolve()
    private_root = Path(environ.get("PRIVATE_MEDIA_ROOT", var_dir / "private")).resolve()
    if private_root == media_root or media_root in private_root.parents:
        _refuse(
            f"PRIVATE_MEDIA_ROOT（{private_root}）が MEDIA_ROOT（{media_root}）の中にあります。"
            "非公開ファイルが公開URLで配信されるため、MEDIA_ROOT の外のディレクトリを指定してください。 / "
            f"PRIVATE_MEDIA_ROOT ({private_root}) lies inside MEDIA_ROOT ({media_root}), where the web "
            "server serves files; choose a directory outside MEDIA_ROOT.", strict)
    return media_root, private_root


def file_storages(media_root, private_root):
    return {
        "default": ROUTING,
        "public": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                   "OPTIONS": {"location": str(media_root), "base_url": "/media/"}},
        "private": {"BACKEND": "tenants.storage.PrivateFileSystemStorage",
                    "OPTIONS": {"location": str(private_root)}},
        "staticfiles": STATICFILES,
    }


def s3_storages(environ, strict=True):
    missing = [name for name in S3_VARIABLES if not environ.get(name)]
    if missing:
        names = ", ".join(missing)
        _refuse(
            f"TSUNAGU_STORAGE=s3 ですが、次の環境変数がありません: {names} / "
            f"TSUNAGU_STORAGE=s3 needs these environment variables: {names}", strict)
    common = {
        "endpoint_url": environ.get("TSUNAGU_S3_ENDPOINT_URL", ""),
        "region_name": environ.get("TSUNAGU_S3_REGION", ""),
        "access_key": environ.get("TSUNAGU_S3_ACCESS_KEY_ID", ""),
        "secret_key": environ.get("TSUNAGU_S3_SECRET_ACCESS_KEY", ""),
        "addressing_style": "path",
        "signature_version": "s3v4",
        # Wagtail and the private kinds rely on a new name per upload, never an overwrite.
        "file_overwrite": False,
    }
    return {
        "default": ROUTING,
        # Public read is the bucket's policy (see docs/deployment.md); URLs are plain, unsigned.
        "public": {"BACKEND": "storages.backends.s3.S3Storage",
                   "OPTIONS": {**common, "bucket_name": environ.get("TSUNAGU_S3_BUCKET", ""),
                               "querystring_auth": False}},
        "private": {"BACKEND": "tenants.private_s3.PrivateS3Storage",
                    "OPTIONS": {**common, "bucket_name": environ.get("TSUNAGU_S3_PRIVATE_BUCKET", ""),
                                "default_acl": "private", "querystring_auth": True,
                                "querystring_expire": PRIVATE_URL_SECONDS}},
        "staticfiles": STATICFILES,
    }


def storages_for(environ, strict=True):
    """STORAGES for an environment (a mapping like os.environ); raises on an unsafe one when
    `strict` (production reports it through the start-up checks instead)."""
    media_root, private_root = media_roots(environ, strict)
    kind = environ.get("TSUNAGU_STORAGE", "files").strip().lower() or "files"
    if kind == "files":
        return file_storages(media_root, private_root)
    if kind == "s3":
        return s3_storages(environ, strict)
    _refuse(
        f"TSUNAGU_STORAGE={kind!r} は使えません。\"s3\" か \"files\" を指定してください。 / "
        f"TSUNAGU_STORAGE={kind!r} is not known; use \"s3\" or \"files\".", strict)
    return file_storages(media_root, private_root)


TSUNAGU_STORAGE = os.environ.get("TSUNAGU_STORAGE", "files").strip().lower() or "files"
MEDIA_URL = "/media/"
MEDIA_ROOT, PRIVATE_MEDIA_ROOT = media_roots(os.environ, STRICT)
STORAGES = storages_for(os.environ, STRICT)
