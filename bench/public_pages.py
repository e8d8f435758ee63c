"""Time the portal's main pages in-process and count their queries.

    .venv/bin/python bench/public_pages.py [--repeat 50]

Runs against the database from DATABASE_URL (default: the demo SQLite under var/; run
`make demo-data` first). Prints one line per page: requests, seconds, requests/second,
queries per request. Figures, not assertions: compare runs on the same machine."""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

PUBLIC = ["/", "/shinjuku/", "/hachioji/", "/news/", "/consultation/"]
ADMIN = ["/admin/", "/admin/pages/", "/admin/snippets/tenants/municipality/"]


def measure(client, path, repeat):
    client.get(path)  # warm up
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # An execute wrapper counts every query, whatever happens to the connection's query log.
    with connection.execute_wrapper(count):
        response = client.get(path)
    started = time.perf_counter()
    for _ in range(repeat):
        client.get(path)
    elapsed = time.perf_counter() - started
    return response.status_code, len(queries), elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    print(f"database: {connection.vendor}; {args.repeat} requests per page")
    print(f"{'page':<42}{'status':>7}{'queries':>9}{'seconds':>9}{'req/s':>8}")
    rows = [("public", Client(), PUBLIC)]
    coordinator = get_user_model().objects.filter(username="shinjuku").first()
    if coordinator:
        admin_client = Client()
        admin_client.force_login(coordinator)
        rows.append(("admin as shinjuku", admin_client, ADMIN))
    for label, client, paths in rows:
        for path in paths:
            status, queries, elapsed = measure(client, path, args.repeat)
            print(f"{label + ' ' + path:<42}{status:>7}{queries:>9}{elapsed:>9.2f}{args.repeat / elapsed:>8.1f}")


if __name__ == "__main__":
    main()
