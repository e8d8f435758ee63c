"""Where a public page's server time goes: a pyinstrument profile and its SQL, per page.

    .venv/bin/python bench/profile_pages.py [--page search] [--repeat 10] [--sql] [--explain]

Uses DATABASE_URL like bench/public_pages.py (run bench/generate_national.py first) and the same
page list. For each page it warms up, then profiles --repeat requests through the test client and
prints pyinstrument's call tree (frames under 3 % hidden), the share of time spent waiting on the
database, and with --sql each query with its time (--explain: PostgreSQL's EXPLAIN ANALYZE of the
slowest one). Needs the bench extra (pyinstrument). Figures, not assertions."""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

from bench.public_pages import pages  # noqa: E402


class SqlLog:
    def __init__(self):
        self.entries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.entries.append(((time.perf_counter() - started) * 1000, sql, params))


def profile(client, label, path, repeat, show_sql, explain):
    client.get(path)
    log = SqlLog()
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    with connection.execute_wrapper(log):
        profiler.start()
        for _ in range(repeat):
            response = client.get(path)
        profiler.stop()
    total = (time.perf_counter() - started) * 1000 / repeat
    sql_ms = sum(ms for ms, _, _ in log.entries) / repeat
    print(f"\n=== {label}: {path}  status {response.status_code}, {len(response.content):,} bytes, "
          f"{len(log.entries) // repeat} queries, {total:.1f} ms per request, SQL {sql_ms:.1f} ms "
          f"({100 * sql_ms / total:.0f} %)")
    print(profiler.output_text(unicode=True, color=False, show_all=False,
                               processor_options={"filter_threshold": 0.03}))
    first = log.entries[:len(log.entries) // repeat]
    if show_sql:
        for ms, sql, _ in first:
            print(f"  {ms:7.1f} ms  {sql[:300]}")
    if explain and connection.vendor == "postgresql" and first:
        ms, sql, params = max(first, key=lambda entry: entry[0])
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            print(f"  slowest ({ms:.1f} ms):")
            for (line,) in cursor.fetchall():
                print("   ", line)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--page", action="append", help="label substring (repeatable); default all")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--sql", action="store_true")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    for label, path in pages():
        if args.page and not any(wanted in label for wanted in args.page):
            continue
        profile(client, label, path, args.repeat, args.sql, args.explain)


if __name__ == "__main__":
    main()
