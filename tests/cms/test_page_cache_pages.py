"""The anonymous page cache and the page tree, changed in the Wagtail admin by the municipality's
coordinator: a page moved, reordered or deleted shows so on the cached parent at once, and its
old address answers a redirect to the new one (moved) or 404 (deleted), never the cached copy;
another municipality's coordinator is refused and the cached pages stay as they were.
Publishing also sends the PURGE requests nginx needs (TSUNAGU_FRONTEND_CACHE_URL), here to a
small HTTP server started by the test."""

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from wagtail.models import Page

from tests.tenants.helpers import add_page, refused

from .page_cache_helpers import cached, page_cache  # noqa: F401 (fixture)


@pytest.fixture
def pages(shinjuku):
    """/shinjuku/ lists 相談の案内 and 家族会のお知らせ; 相談の案内 lists its own subpages."""
    guide = add_page(shinjuku.root_page, "相談の案内", "annai")
    notice = add_page(shinjuku.root_page, "家族会のお知らせ", "kazokukai")
    return guide, notice


def move(client, page, destination):
    return client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk]))


def delete(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))


def test_a_page_moved_in_the_admin_leaves_the_cached_parent_and_its_old_address(client, page_cache, as_shinjuku,
                                                                                 shinjuku, pages):
    guide, notice = pages
    assert "家族会のお知らせ" in cached(client, "/shinjuku/").content.decode()
    assert "家族会のお知らせ" not in cached(client, "/shinjuku/annai/").content.decode()
    cached(client, "/shinjuku/kazokukai/")

    response = move(as_shinjuku, notice, guide)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Page.objects.get(pk=notice.pk).get_parent().pk == guide.pk

    parent = client.get("/shinjuku/")
    assert parent["X-Page-Cache"] == "miss" and "家族会のお知らせ" not in parent.content.decode()
    assert "家族会のお知らせ" in client.get("/shinjuku/annai/").content.decode()
    # The old address is never the cached copy: Wagtail's redirect sends visitors to the new one.
    old = client.get("/shinjuku/kazokukai/")
    assert old.status_code == 301 and old["Location"] == "/shinjuku/annai/kazokukai/"
    assert old["X-Page-Cache"] != "hit" and "家族会のお知らせ" not in old.content.decode()
    assert client.get("/shinjuku/annai/kazokukai/").status_code == 200


def test_pages_reordered_in_the_explorer_show_in_the_new_order_on_the_cached_parent(client, page_cache,
                                                                                   as_shinjuku, pages):
    _guide, notice = pages
    before = cached(client, "/shinjuku/").content.decode()
    assert before.index("相談の案内") < before.index("家族会のお知らせ")
    response = as_shinjuku.post(reverse("wagtailadmin_pages:set_page_position", args=[notice.pk]) + "?position=0")
    assert response.status_code == 200
    after = client.get("/shinjuku/")
    body = after.content.decode()
    assert after["X-Page-Cache"] == "miss" and body.index("家族会のお知らせ") < body.index("相談の案内")


def test_a_page_deleted_in_the_admin_leaves_the_cached_parent_and_answers_404(client, page_cache, as_shinjuku,
                                                                               shinjuku, pages):
    _guide, notice = pages
    assert "家族会のお知らせ" in cached(client, "/shinjuku/").content.decode()
    assert "家族会のお知らせ" in cached(client, "/shinjuku/kazokukai/").content.decode()

    response = delete(as_shinjuku, notice)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not Page.objects.filter(pk=notice.pk).exists()

    parent = client.get("/shinjuku/")
    assert parent["X-Page-Cache"] == "miss" and "家族会のお知らせ" not in parent.content.decode()
    gone = client.get("/shinjuku/kazokukai/")
    assert gone.status_code == 404 and gone["X-Page-Cache"] != "hit"
    assert "家族会のお知らせ" not in gone.content.decode()


def test_another_municipalitys_coordinator_can_neither_move_reorder_nor_delete(client, page_cache, as_bunkyo, bunkyo,
                                                                        pages):
    guide, notice = pages
    before = {path: cached(client, path).content for path in ("/shinjuku/", "/shinjuku/kazokukai/")}
    assert refused(move(as_bunkyo, notice, guide))
    assert refused(move(as_bunkyo, notice, bunkyo.root_page))
    assert refused(delete(as_bunkyo, notice))
    assert refused(as_bunkyo.post(reverse("wagtailadmin_pages:set_page_position", args=[notice.pk]) + "?position=0"))
    assert Page.objects.get(pk=notice.pk).get_parent().pk == guide.get_parent().pk
    for path, body in before.items():
        after = client.get(path)
        assert after["X-Page-Cache"] == "hit" and after.content == body, path


class PurgeRecorder(BaseHTTPRequestHandler):
    """Answers every PURGE with 200 and remembers its path and Host header, as nginx's purge
    location would see them."""

    received = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.received.append((self.path, self.headers.get("Host")))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def purge_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def front_cache_setting(purge_server):
    """WAGTAILFRONTENDCACHE as the settings build it from TSUNAGU_FRONTEND_CACHE_URL, read in a
    fresh process (settings are read once, at start-up)."""
    env = {**os.environ, "TSUNAGU_FRONTEND_CACHE_URL": purge_server, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    code = ("import json, django; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.WAGTAILFRONTENDCACHE))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=django_settings.BASE_DIR, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture
def purges(settings, front_cache_setting, pages):
    """The PURGE requests received from now on (after the pages were built)."""
    settings.WAGTAILFRONTENDCACHE = front_cache_setting
    PurgeRecorder.received.clear()
    return PurgeRecorder.received


def edit(client, page, title):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {
        "title": title, "slug": page.slug, "intro": "", "body-count": "0", "action-publish": "1"})


def test_publishing_in_the_admin_sends_purge_for_the_page_and_the_lists(page_cache, purges, as_shinjuku, pages,
                                                                        django_capture_on_commit_callbacks):
    _guide, notice = pages
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(as_shinjuku, notice, "家族会のお知らせ（12月）")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Page.objects.get(pk=notice.pk).title == "家族会のお知らせ（12月）"
    paths = {path for path, _host in purges}
    assert "/shinjuku/kazokukai/" in paths
    assert ("/shinjuku/kazokukai/", "localhost") in purges  # the page's own site's name
    assert {"/", "/shinjuku/", "/news/", "/events/"} <= paths  # the lists a change may show on


def test_a_refused_publish_sends_no_purge(page_cache, purges, as_bunkyo, pages, django_capture_on_commit_callbacks):
    _guide, notice = pages
    with django_capture_on_commit_callbacks(execute=True):
        assert refused(edit(as_bunkyo, notice, "乗っ取り"))
    assert Page.objects.get(pk=notice.pk).title == "家族会のお知らせ"
    assert purges == []


def test_a_window_published_by_its_coordinator_purges_the_lists_it_shows_on(page_cache, purges, as_shinjuku,
                                                                             shinjuku,
                                                                             django_capture_on_commit_callbacks):
    from tests.network.test_windows_admin import form_data, url

    with django_capture_on_commit_callbacks(execute=True):
        response = as_shinjuku.post(url("add"), form_data(shinjuku, name="新宿区の新しい窓口", **{"action-publish": "1"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    paths = {path for path, _host in purges}
    assert {"/windows/", "/windows/csv/", "/shinjuku/", "/"} <= paths
    assert "/bunkyo/" not in paths  # another municipality's page is not touched
