"""Steps of the run about the anonymous page cache shared by both app servers: a page published
and a consultation window published by Shinjuku's coordinator show on the next anonymous request
through either server, although each server had the old page in the cache."""

import time

import psycopg

from . import processes as proc
from .browser import Browser


def _cached_on_both(ctx, path):
    """Request `path` through each server until each answers it from the shared cache."""
    visitor = Browser(ctx.front, "visitor")
    for server in ctx.server_names:
        for _ in range(2):
            visitor.land_next_on(server)
            response = visitor.get(path)
        assert response.headers.get("X-Page-Cache") == "hit", (
            f"{path} through {server}: not from the cache ({response.headers.get('X-Page-Cache')})")
    return visitor


def _shown_on_both(ctx, visitor, path, text):
    seen = []
    for server in ctx.server_names:
        visitor.land_next_on(server)
        response = visitor.get(path)
        assert response.status_code == 200 and text in response.text, (
            f"{path} through {response.served_by}: {text!r} not shown ({response.headers.get('X-Page-Cache')})")
        seen.append(f"{response.served_by} {response.headers.get('X-Page-Cache')}")
    return ", ".join(seen)


def page_publish_shows_on_both_servers(ctx):
    title = "複数サーバー キャッシュ確認ページ " + str(int(time.time()))
    visitor = _cached_on_both(ctx, "/shinjuku/")
    proc.manage(ctx.setup_env, "shell", "-c", (
        "from tenants.models import Municipality\n"
        "from cms.models import StandardPage\n"
        "root = Municipality.objects.get(slug='shinjuku').root_page\n"
        f"page = root.add_child(instance=StandardPage(title={title!r}, slug='ms-cache', live=False))\n"
        "page.save_revision().publish()\n"))
    return f"published in a third process; /shinjuku/ shows it at once: {_shown_on_both(ctx, visitor, '/shinjuku/', title)}"


def window_change_shows_on_both_servers(ctx):
    name = "複数サーバー 相談窓口 " + str(int(time.time()))
    visitor = _cached_on_both(ctx, "/windows/")
    with psycopg.connect(ctx.database_url) as conn:
        phone = conn.execute("select id from network_consultationmethod where code = 'phone'").fetchone()[0]
    add = "/admin/snippets/network/consultationwindow/add/"
    browser = ctx.coordinator
    assert browser.get(add).status_code == 200, "the window form did not open"
    response = browser.post(add, {
        "municipality": ctx.seed["residence"], "name": name, "department": "福祉課", "target": "年齢制限なし",
        "min_age": "", "max_age": "", "hours": "平日9:00-17:00", "phone": "", "email": "", "url": "",
        "contractor": "", "sort_order": "0", "methods": [phone], "action-publish": "1"})
    assert response.status_code == 302, f"the window was not published ({response.status_code}): {response.text[:500]}"
    shown = _shown_on_both(ctx, visitor, "/windows/", name)
    return f"published through {response.served_by} by the coordinator; /windows/: {shown}"
