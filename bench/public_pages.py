"""Server time, SQL queries and throughput of the public pages.

    .venv/bin/python bench/public_pages.py [--repeat 30] [--seconds 10] [--no-gunicorn] [--only search]

Uses DATABASE_URL (default: var/bench.sqlite3 from bench/generate_national.py; run that first).
For each page it prints the median and p95 server time over --repeat in-process requests and
the SQL queries per request; then it starts gunicorn on loopback (2 workers) and prints requests
per second, p95 latency and errors for a mixed load from 8 client threads for --seconds.
Figures, not assertions: compare runs on the same machine."""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
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

from bench.server_env import gunicorn_env  # noqa: E402
from network.models import Organisation  # noqa: E402


def pages():
    organisation = Organisation.objects.filter(live=True).order_by("pk").first()
    return [
        ("home", "/"),
        ("municipality page", "/shinjuku/"),
        ("window list (all)", "/windows/"),
        ("window list (email, 区部)", "/windows/?method=email&area=区部"),
        ("directory", "/directory/"),
        ("directory (family, Tama)", "/directory/?support_type=family_group&area=多摩"),
        ("directory keyword", "/directory/?q=フリースペース"),
        ("organisation detail", f"/directory/{organisation.pk}/"),
        ("search 家族会", "/search/?q=家族会"),
        ("search 支援", "/search/?q=支援"),
        ("news", "/news/"),
    ]


def in_process(client, path, repeat):
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    client.get(path)  # warm up
    with connection.execute_wrapper(count):
        status = client.get(path).status_code
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return status, len(queries), statistics.median(timings), p95


def gunicorn_load(paths, seconds, port=8765, threads=8):
    env = gunicorn_env()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--workers", "2",
                               "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            if server.poll() is not None:
                raise SystemExit("gunicorn did not start (is it installed? make setup)")
            try:
                urllib.request.urlopen(base + "/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not answer within 20 s")
        latencies, errors, lock = [], [0], threading.Lock()
        deadline = time.monotonic() + seconds

        def worker(offset):
            i = offset
            while time.monotonic() < deadline:
                path = paths[i % len(paths)]
                i += 1
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(base + urllib.request.quote(path, safe="/?=&"), timeout=30) as r:
                        r.read()
                        ok = r.status == 200
                except OSError:
                    ok = False
                with lock:
                    latencies.append((time.perf_counter() - started) * 1000)
                    errors[0] += 0 if ok else 1

        pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        latencies.sort()
        return len(latencies) / seconds, latencies[int(len(latencies) * 0.95)], errors[0], len(latencies)
    finally:
        server.terminate()
        server.wait(timeout=20)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--no-gunicorn", action="store_true")
    parser.add_argument("--only", default="", help="only the pages whose label contains this (e.g. search, keyword)")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    print(f"database: {connection.vendor}; organisations: {Organisation.objects.count()}; "
          f"{args.repeat} requests per page")
    print(f"{'page':<30}{'status':>7}{'queries':>9}{'median ms':>11}{'p95 ms':>9}")
    client = Client()
    listed = [(label, path) for label, path in pages() if args.only in label]
    for label, path in listed:
        status, queries, median, p95 = in_process(client, path, args.repeat)
        print(f"{label:<30}{status:>7}{queries:>9}{median:>11.1f}{p95:>9.1f}")
    if not args.no_gunicorn:
        # A browsing mix: the lighter lists weigh more than the 1,741-municipality window list.
        mix = [path for _, path in listed if path != "/windows/"] * 3 + ["/windows/"]
        rps, p95, errors, total = gunicorn_load(mix, args.seconds)
        print(f"gunicorn (2 workers, 8 threads, {args.seconds}s): {total} requests, "
              f"{rps:.1f} req/s, p95 {p95:.0f} ms, errors {errors}")


if __name__ == "__main__":
    main()
