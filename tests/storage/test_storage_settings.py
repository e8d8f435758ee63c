"""TSUNAGU_STORAGE chooses the backend; an unsafe or incomplete choice stops the process with a
message in Japanese and English; private objects get only short-lived signed URLs, private files
on disk none at all."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from cms.settings.storage import storages_for
from tenants.storage import private_storage

from .conftest import fetch_anonymously

ROOT = Path(__file__).resolve().parents[2]


def manage_check(env):
    base = {key: value for key, value in os.environ.items()
            if key not in {"DJANGO_SETTINGS_MODULE", "TSUNAGU_STORAGE", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"}
            and not key.startswith("TSUNAGU_S3_")}
    return subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**base, "DJANGO_SETTINGS_MODULE": "cms.settings.test", **env})


def test_private_media_root_inside_media_root_stops_the_process(tmp_path):
    result = manage_check({"MEDIA_ROOT": str(tmp_path / "media"),
                           "PRIVATE_MEDIA_ROOT": str(tmp_path / "media" / "private")})
    assert result.returncode != 0
    assert "MEDIA_ROOT の外のディレクトリを指定してください" in result.stderr
    assert "lies inside MEDIA_ROOT" in result.stderr


def test_s3_without_its_variables_stops_the_process_naming_them():
    result = manage_check({"TSUNAGU_STORAGE": "s3", "TSUNAGU_S3_BUCKET": "tsunagu-public"})
    assert result.returncode != 0
    assert "次の環境変数がありません" in result.stderr
    for name in ("TSUNAGU_S3_ENDPOINT_URL", "TSUNAGU_S3_PRIVATE_BUCKET", "TSUNAGU_S3_SECRET_ACCESS_KEY"):
        assert name in result.stderr
    assert "TSUNAGU_S3_BUCKET," not in result.stderr


def test_an_unknown_storage_is_refused():
    with pytest.raises(ImproperlyConfigured, match="s3"):
        storages_for({"TSUNAGU_STORAGE": "nfs"})


def test_s3_settings_use_path_style_and_keep_the_private_bucket_signed():
    env = {"TSUNAGU_STORAGE": "s3", "TSUNAGU_S3_ENDPOINT_URL": "https://s3.example.lg.jp",
           "TSUNAGU_S3_REGION": "ap-northeast-1", "TSUNAGU_S3_ACCESS_KEY_ID": "a",
           "TSUNAGU_S3_SECRET_ACCESS_KEY": "b", "TSUNAGU_S3_BUCKET": "pub", "TSUNAGU_S3_PRIVATE_BUCKET": "priv"}
    config = storages_for(env)
    public, private = config["public"]["OPTIONS"], config["private"]["OPTIONS"]
    assert public["addressing_style"] == private["addressing_style"] == "path"
    assert public["bucket_name"] == "pub" and public["querystring_auth"] is False
    assert private["bucket_name"] == "priv" and private["default_acl"] == "private"
    assert private["querystring_auth"] is True and private["querystring_expire"] <= 300


@pytest.mark.django_db
def test_a_private_file_has_no_url_on_either_backend(backend):
    data = b"%PDF-1.4 no url " + backend.kind.encode()
    name = private_storage().save("agreements/2026/url-test.pdf", ContentFile(data))
    assert private_storage().url(name) == ""
    assert storages["private"] is private_storage()._wrapped
    assert data in backend.private_contents()
    for url in backend.direct_urls(name):  # the bucket without a signature, /media/…
        assert fetch_anonymously(url)[0] in (403, 404), url
