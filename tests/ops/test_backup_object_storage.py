"""Backups with the uploads in object storage (TSUNAGU_STORAGE=s3): scripts/backup archives the
public and the private bucket beside the database dump, scripts/restore puts them back into
empty buckets and refuses a bucket that already holds files. A real S3-protocol server process
(moto's, as in the multi-server run) stands in for the deployment's object storage."""

import os
import shutil
import tarfile
from pathlib import Path

import boto3
import pytest

from .helpers import ROOT, database_url, free_port, postgresql_only, start, stop, wait_until
from .test_backup_restore import restored_database, run, table_counts  # noqa: F401 (a fixture)

pytestmark = [postgresql_only, pytest.mark.django_db(transaction=True)]

MOTO = shutil.which("moto_server", path=str(ROOT / ".venv" / "bin")) or shutil.which("moto_server")
FILES = {
    ("public", "images/original_images/leaflet.png"): b"\x89PNG\r\n\x1a\n public leaflet",
    ("public", "documents/annual-report.pdf"): b"%PDF-1.4 public report",
    ("private", "agreements/2026/kyotei.pdf"): "%PDF-1.4 協定書（非公開）".encode(),
    ("private", "cases/consents/scan-1.pdf"): b"%PDF-1.4 consent scan",
}


@pytest.fixture
def object_storage(tmp_path):
    assert MOTO, "moto_server is needed (pip install 'moto[server]', the test extra)"
    port = free_port()
    process = start([MOTO, "-H", "127.0.0.1", "-p", str(port)], dict(os.environ), tmp_path / "moto.log")
    env = {"TSUNAGU_STORAGE": "s3", "TSUNAGU_S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
           "TSUNAGU_S3_REGION": "ap-northeast-1", "TSUNAGU_S3_ACCESS_KEY_ID": "backup-test",
           "TSUNAGU_S3_SECRET_ACCESS_KEY": "backup-test-secret"}
    client = boto3.client("s3", endpoint_url=env["TSUNAGU_S3_ENDPOINT_URL"], region_name="ap-northeast-1",
                          aws_access_key_id="backup-test", aws_secret_access_key="backup-test-secret")

    def up():
        try:
            client.list_buckets()
            return True
        except Exception:  # noqa: BLE001 (not listening yet)
            return False

    wait_until(up, 30, "moto_server answering")
    for bucket in ("live-public", "live-private", "restored-public", "restored-private"):
        client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "ap-northeast-1"})
    yield env, client
    stop(process)


def contents(client, bucket):
    keys = [o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])]
    return {key: client.get_object(Bucket=bucket, Key=key)["Body"].read() for key in keys}


def test_backup_holds_both_buckets_and_restores_them_into_empty_ones(tmp_path, object_storage,
                                                                      restored_database):  # noqa: F811
    env, client = object_storage
    for (kind, key), body in FILES.items():
        client.put_object(Bucket=f"live-{kind}", Key=key, Body=body,
                          ContentType="application/pdf" if key.endswith(".pdf") else "image/png")
    live = {**os.environ, **env, "DATABASE_URL": database_url(),
            "TSUNAGU_S3_BUCKET": "live-public", "TSUNAGU_S3_PRIVATE_BUCKET": "live-private"}
    backup = run("backup", str(tmp_path / "backups"), env=live)
    assert backup.returncode == 0, backup.stderr
    directory = Path(backup.stdout.strip().splitlines()[-1])
    assert sorted(os.listdir(directory)) == ["SHA256SUMS", "database.dump", "media.tar.gz", "private.tar.gz"]
    assert "live-private: 2 objects" in backup.stderr

    target = {**os.environ, **env, "DATABASE_URL": restored_database,
              "TSUNAGU_S3_BUCKET": "restored-public", "TSUNAGU_S3_PRIVATE_BUCKET": "restored-private"}
    restore = run("restore", str(directory), env=target)
    assert restore.returncode == 0, restore.stderr
    for kind in ("public", "private"):
        expected = {key: body for (k, key), body in FILES.items() if k == kind}
        assert contents(client, f"restored-{kind}") == expected
    head = client.head_object(Bucket="restored-private", Key="agreements/2026/kyotei.pdf")
    assert head["ContentType"] == "application/pdf"

    # The archive has the layout of one made from PRIVATE_MEDIA_ROOT: it restores onto either backend.
    with tarfile.open(directory / "private.tar.gz") as archive:
        assert sorted(archive.getnames()) == ["./agreements/2026/kyotei.pdf", "./cases/consents/scan-1.pdf"]


def test_restore_refuses_a_bucket_that_already_holds_files(tmp_path, object_storage,
                                                          restored_database):  # noqa: F811
    env, client = object_storage
    client.put_object(Bucket="live-private", Key="agreements/a.pdf", Body=b"%PDF-1.4 a")
    client.put_object(Bucket="restored-private", Key="agreements/other.pdf", Body=b"%PDF-1.4 keep me")
    live = {**os.environ, **env, "DATABASE_URL": database_url(),
            "TSUNAGU_S3_BUCKET": "live-public", "TSUNAGU_S3_PRIVATE_BUCKET": "live-private"}
    backup = run("backup", str(tmp_path / "backups"), env=live)
    assert backup.returncode == 0, backup.stderr
    target = {**os.environ, **env, "DATABASE_URL": restored_database,
              "TSUNAGU_S3_BUCKET": "restored-public", "TSUNAGU_S3_PRIVATE_BUCKET": "restored-private"}
    restore = run("restore", backup.stdout.strip().splitlines()[-1], env=target)
    assert restore.returncode != 0
    assert "refusing: bucket restored-private is not empty" in restore.stderr
    assert contents(client, "restored-private") == {"agreements/other.pdf": b"%PDF-1.4 keep me"}
    assert contents(client, "restored-public") == {}
    assert table_counts(restored_database) == {}  # refused before anything was written
