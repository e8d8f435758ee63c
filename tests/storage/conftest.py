"""Both storage backends, for real: the file system under the test's var directory, and an
S3-protocol server process (moto's standalone `moto_server`, standing in for the deployment's
object storage) on a free loopback port, with a public and a private bucket per test."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import quote

import boto3
import pytest

from cms.settings.storage import storages_for

REGION = "ap-northeast-1"
KEYS = {"TSUNAGU_S3_ACCESS_KEY_ID": "test-access", "TSUNAGU_S3_SECRET_ACCESS_KEY": "test-secret"}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    port = _free_port()
    server = Path(sys.executable).with_name("moto_server")
    process = subprocess.Popen([str(server), "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(endpoint + "/moto-api/", timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("the S3-protocol server (moto_server) did not start")
            time.sleep(0.2)
    yield endpoint
    process.terminate()
    process.wait(timeout=10)


def s3_client(endpoint):
    return boto3.client("s3", endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=KEYS["TSUNAGU_S3_ACCESS_KEY_ID"],
                        aws_secret_access_key=KEYS["TSUNAGU_S3_SECRET_ACCESS_KEY"])


def s3_environment(endpoint):
    """What an operator would set: fresh buckets, the public one readable by anyone."""
    suffix = uuid.uuid4().hex[:10]
    public, private = f"tsunagu-public-{suffix}", f"tsunagu-private-{suffix}"
    client = s3_client(endpoint)
    for bucket in (public, private):
        client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    client.put_bucket_policy(Bucket=public, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{public}/*"}]}))
    return {"TSUNAGU_STORAGE": "s3", "TSUNAGU_S3_ENDPOINT_URL": endpoint, "TSUNAGU_S3_REGION": REGION,
            "TSUNAGU_S3_BUCKET": public, "TSUNAGU_S3_PRIVATE_BUCKET": private, **KEYS}


class Backend:
    """The storage backend a test runs on, and where a private file must never be."""

    def __init__(self, kind, settings, endpoint=None, environment=None):
        self.kind, self.settings, self.endpoint, self.environment = kind, settings, endpoint, environment

    @property
    def public_bucket(self):
        return self.environment["TSUNAGU_S3_BUCKET"]

    @property
    def private_bucket(self):
        return self.environment["TSUNAGU_S3_PRIVATE_BUCKET"]

    def public_contents(self):
        """Every byte string kept in the public storage (MEDIA_ROOT or the public bucket)."""
        if self.kind == "files":
            root = Path(self.settings.MEDIA_ROOT)
            return [p.read_bytes() for p in root.rglob("*") if p.is_file()] if root.exists() else []
        client = s3_client(self.endpoint)
        listing = client.list_objects_v2(Bucket=self.public_bucket).get("Contents", [])
        return [client.get_object(Bucket=self.public_bucket, Key=o["Key"])["Body"].read() for o in listing]

    def private_contents(self):
        if self.kind == "files":
            root = Path(self.settings.PRIVATE_MEDIA_ROOT)
            return [p.read_bytes() for p in root.rglob("*") if p.is_file()] if root.exists() else []
        client = s3_client(self.endpoint)
        listing = client.list_objects_v2(Bucket=self.private_bucket).get("Contents", [])
        return [client.get_object(Bucket=self.private_bucket, Key=o["Key"])["Body"].read() for o in listing]

    def direct_urls(self, name):
        """URLs at which a file called `name` would be served without asking anyone."""
        if self.kind == "files":
            return []
        key = quote(name)
        return [f"{self.endpoint}/{self.public_bucket}/{key}", f"{self.endpoint}/{self.private_bucket}/{key}"]


@pytest.fixture(params=["files", "s3"])
def backend(request, settings):
    if request.param == "files":
        settings.STORAGES = storages_for({"MEDIA_ROOT": str(settings.MEDIA_ROOT),
                                          "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT)})
        return Backend("files", settings)
    endpoint = request.getfixturevalue("s3_endpoint")
    environment = s3_environment(endpoint)
    settings.STORAGES = storages_for({**environment, "MEDIA_ROOT": str(settings.MEDIA_ROOT),
                                      "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT)})
    return Backend("s3", settings, endpoint, environment)


def fetch_anonymously(url):
    """(status, body) of a plain GET with no credentials, as a browser or curl would send it."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content
