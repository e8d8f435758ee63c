"""Steps of the run about a members-only document: a coordinator uploads it through one app
server, it lands in the shared private storage (not on that server's disk), a platform member
downloads it through the other server, outsiders are refused and no plain URL serves it."""

import os
import time
import urllib.error
import urllib.request

import boto3
import psycopg
from botocore.config import Config

from .browser import Browser


def _s3(ctx):
    s3 = ctx.s3
    return boto3.client("s3", endpoint_url=s3["endpoint"], region_name=s3["region"],
                        aws_access_key_id=s3["key"], aws_secret_access_key=s3["secret"],
                        config=Config(s3={"addressing_style": "path"}))


def coordinator_signs_in(ctx):
    coordinator = Browser(ctx.front, "Shinjuku coordinator")
    home = coordinator.sign_in(ctx.seed["users"]["shinjuku_coordinator"])
    ctx.coordinator = coordinator
    return (f"password, then the authenticator code: admin home {home.status_code} "
            f"(requests answered by {', '.join(sorted(set(coordinator.servers)))})")


def coordinator_uploads_members_only_document(ctx):
    ctx.document_bytes = b"%PDF-1.4\n% members-only council paper " + os.urandom(8).hex().encode() + b"\n%%EOF\n"
    ctx.document_title = "構成員限定 会議資料 " + str(int(time.time()))
    browser = ctx.coordinator
    form = browser.get("/admin/documents/add/")
    assert form.status_code == 200, f"the upload form answered {form.status_code}"
    response = browser.post("/admin/documents/add/", {
        "title": ctx.document_title, "collection": ctx.seed["members_collection"], "tags": ""},
        files={"file": ("kaigi-shiryo.pdf", ctx.document_bytes, "application/pdf")})
    assert response.status_code == 302, f"the upload was not accepted ({response.status_code}): {response.text[:500]}"
    ctx.upload_server = response.served_by
    with psycopg.connect(ctx.database_url) as conn:
        row = conn.execute("select id, file from wagtaildocs_document where title = %s", (ctx.document_title,)).fetchone()
    assert row, "no document row after the upload"
    ctx.document_id, ctx.document_name = row
    ctx.document_path = f"/documents/{ctx.document_id}/{os.path.basename(ctx.document_name)}"
    return f"document {ctx.document_id} ({len(ctx.document_bytes)} bytes) uploaded through {ctx.upload_server}"


def document_is_in_shared_private_storage(ctx):
    """The acceptance's breaking point: under production settings an upload on local disk fails."""
    basename = os.path.basename(ctx.document_name)
    on_disk = [str(path) for directory in ctx.local_dirs for path in directory.rglob(basename)]
    client = _s3(ctx)
    found = {}
    for kind in ("public", "private"):
        bucket = ctx.s3[f"{kind}_bucket"]
        keys = [obj["Key"] for obj in client.list_objects_v2(Bucket=bucket).get("Contents", [])]
        found[kind] = [key for key in keys if key.endswith(basename)]
    ctx.private_keys = found["private"]
    assert not on_disk, f"the upload sits on an app server's local disk: {on_disk}"
    assert not found["public"], f"a members-only document is in the PUBLIC bucket: {found['public']}"
    assert found["private"], "the upload is not in the private bucket"
    stored = client.get_object(Bucket=ctx.s3["private_bucket"], Key=found["private"][0])["Body"].read()
    assert stored == ctx.document_bytes, "the private bucket holds other bytes than were uploaded"
    return f"in the private bucket as {found['private'][0]}; on no app server's disk, not in the public bucket"


def _fetch_document(browser, path):
    """(status, body) of a download, following a redirect to a signed storage URL if given."""
    response = browser.get(path)
    location = response.headers.get("Location", "")
    if response.status_code in (301, 302, 307) and location.startswith("http") and \
            not location.startswith(browser.front.base_url):
        with urllib.request.urlopen(location, timeout=30) as signed:
            return signed.status, signed.read(), response.served_by
    return response.status_code, response.content, response.served_by


def member_downloads_through_the_other_server(ctx):
    member = Browser(ctx.front, "Shinjuku platform member")
    member.sign_in(ctx.seed["users"]["shinjuku_member"])
    results = {}
    for server in ctx.server_names:
        member.land_next_on(server)
        status, body, served_by = _fetch_document(member, ctx.document_path)
        results[served_by] = (status, body == ctx.document_bytes)
    other = next(name for name in ctx.server_names if name != ctx.upload_server)
    assert other in results, f"no download went through {other}: {results}"
    failed = {name: status for name, (status, same) in results.items() if status != 200 or not same}
    assert not failed, f"the member could not download it through {failed} (uploaded through {ctx.upload_server})"
    return f"downloaded, same bytes, through {other} (the other server) and through {ctx.upload_server}"


def outsiders_are_refused(ctx):
    refusals = []
    public = Browser(ctx.front, "the public")
    bunkyo = Browser(ctx.front, "Bunkyo coordinator")
    bunkyo.sign_in(ctx.seed["users"]["bunkyo_coordinator"])
    for who, browser in (("the public", public), ("Bunkyo's coordinator", bunkyo)):
        for server in ctx.server_names:
            browser.land_next_on(server)
            response = browser.get(ctx.document_path)
            assert ctx.document_bytes not in response.content, f"{who} got the document through {response.served_by}"
            assert response.status_code in (302, 403, 404), f"{who}: {response.status_code} via {response.served_by}"
            refusals.append(f"{who} {response.status_code} via {response.served_by}")
    return "refused: " + "; ".join(refusals)


def storage_urls_are_not_reachable(ctx):
    checked = []
    name = ctx.document_name
    for path in (f"/media/{name}", f"/media/documents/{os.path.basename(name)}", f"/private/{name}",
                 f"/{ctx.s3['private_bucket']}/{name}"):
        response = Browser(ctx.front).get(path)
        assert ctx.document_bytes not in response.content, f"nginx served the file's bytes at {path}"
        assert response.status_code == 404, f"{path} answered {response.status_code} through nginx"
        checked.append(f"{path} 404")
    for key in getattr(ctx, "private_keys", []):
        url = f"{ctx.s3['endpoint']}/{ctx.s3['private_bucket']}/{key}"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                raise AssertionError(f"the private bucket serves the file without a signature: {response.status}")
        except urllib.error.HTTPError as refused:
            checked.append(f"unsigned private-bucket URL {refused.code}")
    return ", ".join(checked)
