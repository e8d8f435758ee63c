"""Tsunagu's public pages against Wagtail's own bakerydemo, side by side in one run.

    .venv/bin/python bench/anchor.py [--duration 10] [--rounds 2] [--cached] [--scratch DIR]
    smoke run (under 3 minutes once prepared): --duration 3 --rounds 1 --warmup 2 --cached

Prepares, or reuses when already prepared, in the scratch folder (--scratch, TSUNAGU_ANCHOR_DIR;
never inside the project, nothing of it committed): the bakerydemo snapshot of ../shared/anchors
with its own venv, SQLite database and collectstatic; a PostgreSQL cluster with the national-scale
data of bench/generate_national.py (or the PostgreSQL database of DATABASE_URL); Tsunagu's
collectstatic; a Redis server for Tsunagu's cache, as in production. The first preparation takes
about ten minutes.

Both sides run under gunicorn with the same settings (2 sync workers) on loopback ports:
bakerydemo with its production settings, Tsunagu with cms.settings.production and a complete
environment (bench/server_env.py) through bench/anchor_wsgi.py. Each page is warmed, then wrk
(Debian's `wrk`: apt-get install -y wrk) runs A B A B: bakerydemo (its home, its static file
alternately) and Tsunagu (its static file, then each public page). Every run uses the same
threads, connections and duration, and a 30 s timeout so that slow pages are measured rather than
dropped. Queries per request are counted apart from the timed runs with the test client.

The uncached series runs with the page cache setting off (--cache-setting). --cached adds a
second series with the branch's own settings: the same pages as an anonymous client after the
warm-up, their ratio to Tsunagu's static-file ceiling in the same round, and a burst of
--burst-connections clients on the home page.

Figures, not assertions: compare only within one run; other processes on the machine change
them (the load average before and after is printed)."""

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import anchor_report as report  # noqa: E402
from bench import anchor_wrk as wrk  # noqa: E402
from bench.anchor_prepare import BAKERY_STATIC, Cluster, Redis, prepare_bakerydemo, prepare_tsunagu, say  # noqa: E402
from bench.anchor_servers import Server  # noqa: E402
from bench.server_env import gunicorn_env  # noqa: E402

TSUNAGU_STATIC = "/static/cms/site.css"
BAKERY_HOME, BAKERY_FILE, CEILING = "bakerydemo home", "bakerydemo static file", "Tsunagu static file (ceiling)"
BAKERY_QUERIES = ("from django.test import Client; from django.db import connection; "
                  "from django.test.utils import CaptureQueriesContext as C; c = Client(HTTP_HOST='127.0.0.1'); "
                  "c.get('/')\nwith C(connection) as q: c.get('/')\nprint(len(q))")


def options():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    parser.add_argument("--scratch", type=Path, default=Path(os.environ.get("TSUNAGU_ANCHOR_DIR", "/tmp/tsunagu-anchor")),
                        help="folder for bakerydemo, its venv, the PostgreSQL cluster and logs "
                             "(TSUNAGU_ANCHOR_DIR; default /tmp/tsunagu-anchor)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of A B A B runs (default 2)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--warmup", type=int, default=5, help="warm-up requests per page and server (default 5)")
    parser.add_argument("--cached", action="store_true", help="add the cached series and the burst")
    parser.add_argument("--burst-connections", type=int, default=200, help="clients of the burst (default 200)")
    parser.add_argument("--cache-setting", default="TSUNAGU_PAGE_CACHE",
                        help="Django setting set to False for the uncached series (default TSUNAGU_PAGE_CACHE)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="generate_national.py --scale at first preparation (default 1.0: national)")
    parser.add_argument("--no-redis", action="store_true", help="Tsunagu's cache in the database instead of Redis")
    parser.add_argument("--prepare-only", action="store_true", help="prepare both sides, measure nothing")
    return parser.parse_args()


def machine():
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) // 1024 ** 2 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} CPUs ({model}), {memory} GiB, Python {platform.python_version()}"


def load_average():
    return "/".join(Path("/proc/loadavg").read_text().split()[:3])


def tsunagu_queries(env):
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "bench" / "anchor_queries.py")],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"query count failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bakery_queries(checkout, bin_dir, env):
    done = subprocess.run([str(bin_dir / "python"), "manage.py", "shell", "-c", BAKERY_QUERIES], cwd=checkout,
                          env=env, capture_output=True, text=True)
    return done.stdout.strip().splitlines()[-1] if done.returncode == 0 and done.stdout.strip() else "?"


class Runner:
    """wrk runs, each printed as it finishes and kept for the tables."""

    def __init__(self, args):
        self.args, self.runs = args, []

    def measure(self, number, label, server, path, connections=None, timeout=30):
        result = wrk.run(server.url(path), self.args.duration, connections or self.args.connections,
                         self.args.threads, timeout)
        # wrk stops at its duration, but sync workers still render the requests it left queued:
        # wait until they are done, or they would slow the next run down.
        server.drain()
        self.runs.append({"round": number, "label": label, **vars(result)})
        print(f"   round {number} {label[:34]:<34} {result.rps:>9.1f} req/s  p50 {result.p50_ms:>7.0f} ms  "
              f"p99 {result.p99_ms:>7.0f} ms  n={result.requests} errors={result.errors}", flush=True)
        return result


def uncached_round(runner, number, bakery, tsunagu, pages):
    """A B A B: bakerydemo's home and static file alternately, between Tsunagu's runs."""
    b_runs = [(CEILING, TSUNAGU_STATIC)] + [(p["label"], p["path"]) for p in pages]
    a_runs = [(BAKERY_HOME, "/"), (BAKERY_FILE, BAKERY_STATIC)]
    for position, (label, path) in enumerate(b_runs):
        a_label, a_path = a_runs[position % 2]
        runner.measure(number, a_label, bakery, a_path)
        runner.measure(number, label, tsunagu, path)


def cached_round(runner, number, bakery, tsunagu, pages):
    """Tsunagu's ceiling at the start, middle and end of the round, bakerydemo's home once."""
    runner.measure(number, BAKERY_HOME, bakery, "/")
    runner.measure(number, CEILING, tsunagu, TSUNAGU_STATIC)
    half = (len(pages) + 1) // 2
    for page in pages[:half]:
        runner.measure(number, page["label"], tsunagu, page["path"])
    runner.measure(number, CEILING, tsunagu, TSUNAGU_STATIC)
    for page in pages[half:]:
        runner.measure(number, page["label"], tsunagu, page["path"])
    runner.measure(number, CEILING, tsunagu, TSUNAGU_STATIC)


def warm(server, paths, times, sizes):
    for label, path in paths:
        status, size, _ = server.warm(path, times)
        sizes[label] = size
        if status != 200:
            print(f"   WARNING: {server.name} {path} answered {status}", flush=True)


def print_table(title, runner, reference, labels, extra, note):
    print(f"\n### {title}\n")
    rows = report.page_rows(report.summarise(runner.runs, reference, labels), extra)
    print(report.table(report.HEADERS + [f"× {reference}"], rows))
    print(f"\n{note}")


def servers_env(args, scratch, url, log, stops):
    extra = {"DATABASE_URL": url, "STATIC_ROOT": str(scratch / "tsunagu-static"),
             "ALLOWED_HOSTS": "127.0.0.1,localhost", "MEDIA_ROOT": str(scratch / "tsunagu-media"),
             "PRIVATE_MEDIA_ROOT": str(scratch / "tsunagu-private"), "TSUNAGU_BENCH_CEILING": TSUNAGU_STATIC,
             "TSUNAGU_BENCH_CACHE_SETTING": args.cache_setting, "REDIS_URL": ""}
    if not args.no_redis:
        redis = Redis(scratch, log)
        extra["REDIS_URL"] = redis.start()
        stops.append(redis.stop)
    return extra


def series_extra(pages, sizes, bakery_q=None):
    extra = {page["label"]: (f"{page['queries_first']}/{page['queries_repeat']}", sizes.get(page["label"], "–"))
             for page in pages}
    extra[CEILING] = ("0", sizes.get(CEILING, "–"))
    extra[BAKERY_FILE] = ("–", sizes.get(BAKERY_FILE, "–"))
    extra[BAKERY_HOME] = (bakery_q or "–", sizes.get(BAKERY_HOME, "–"))
    return extra


def start_tsunagu(env, scratch, stops, name):
    server = Server(name, [str(ROOT / ".venv" / "bin" / "python"), "-m", "gunicorn", "bench.anchor_wsgi:application"],
                    ROOT, env, open(scratch / "gunicorn-tsunagu.log", "a")).start()
    server.drain_path = TSUNAGU_STATIC
    stops.append(server.stop)
    return server


def targets(summary, floor, skip):
    pages = [row for row in summary if row["label"] not in skip and row["ratio"] is not None]
    return f"{sum(row['ratio'] >= floor for row in pages)} of {len(pages)} pages at ≥ {floor}×"


def main():
    args = options()
    if not args.prepare_only and not shutil.which("wrk"):
        raise SystemExit(wrk.INSTALL_HINT)
    scratch = args.scratch.resolve()
    if scratch == ROOT or ROOT in scratch.parents:
        raise SystemExit("--scratch must be outside the project (nothing of bakerydemo is committed)")
    scratch.mkdir(parents=True, exist_ok=True)
    log, stops = open(scratch / "anchor.log", "a"), []
    started, load_before = datetime.datetime.now(datetime.timezone.utc), load_average()
    try:
        checkout, bakery_bin, bakery_env = prepare_bakerydemo(scratch, log)
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith("postgres"):
            cluster = Cluster(scratch, log)
            url = cluster.start()
            stops.append(cluster.stop)
        extra = servers_env(args, scratch, url, log, stops)
        uncached_env = gunicorn_env(**extra, TSUNAGU_BENCH_PAGE_CACHE="off")
        prepare_tsunagu(scratch, url, uncached_env, log, args.scale)
        if args.prepare_only:
            return say(f"prepared in {scratch}")
        say("counting queries (test client, outside the timed runs)")
        counted, bakery_q = tsunagu_queries(uncached_env), bakery_queries(checkout, bakery_bin, bakery_env)
        pages, size = counted["pages"], counted["size"]
        pg = size["postgresql"]
        print(f"\n## Against bakerydemo — {started:%Y-%m-%d %H:%M} UTC\n\n- machine: {machine()}; load average "
              f"before {load_before}\n- data: {size['municipalities']:,} municipalities, {size['organisations']:,} "
              f"organisations, {size['pages']:,} pages, {size['windows']:,} windows; PostgreSQL "
              f"{pg // 10000}.{pg % 10000}; Tsunagu's cache: {'Redis' if extra['REDIS_URL'] else 'database'}\n"
              f"- gunicorn 2 sync workers each; wrk -t{args.threads} -c{args.connections} -d{args.duration}s "
              f"--timeout 30s --latency; {args.rounds} round(s); {args.warmup} warm-up requests per page\n", flush=True)
        bakery = Server("bakerydemo", [str(bakery_bin / "gunicorn"), "bakerydemo.wsgi:application"], checkout,
                        bakery_env, open(scratch / "gunicorn-bakerydemo.log", "a")).start()
        stops.append(bakery.stop)
        bakery.drain_path = BAKERY_STATIC
        tsunagu = start_tsunagu(uncached_env, scratch, stops, "Tsunagu")
        sizes = {}
        warm(bakery, [(BAKERY_HOME, "/"), (BAKERY_FILE, BAKERY_STATIC)], args.warmup, sizes)
        warm(tsunagu, [(CEILING, TSUNAGU_STATIC)] + [(p["label"], p["path"]) for p in pages], args.warmup, sizes)
        say(f"uncached series ({args.cache_setting} = False)")
        runner = Runner(args)
        for number in range(1, args.rounds + 1):
            uncached_round(runner, number, bakery, tsunagu, pages)
        tsunagu.stop()
        labels = [BAKERY_HOME, BAKERY_FILE, CEILING] + [p["label"] for p in pages]
        summary = report.summarise(runner.runs, BAKERY_HOME, labels)
        cached = None
        if args.cached:
            cached_env = gunicorn_env(**extra)
            cached_pages = tsunagu_queries(cached_env)["pages"]
            tsunagu = start_tsunagu(cached_env, scratch, stops, "Tsunagu (cached)")
            cached_sizes = {}
            warm(tsunagu, [(CEILING, TSUNAGU_STATIC)] + [(p["label"], p["path"]) for p in cached_pages],
                 args.warmup, cached_sizes)
            say("cached series (the branch's own settings; anonymous client after the warm-up)")
            cached = Runner(args)
            for number in range(1, args.rounds + 1):
                cached_round(cached, number, bakery, tsunagu, cached_pages)
            say(f"burst: {args.burst_connections} clients on the cached home page")
            burst = cached.measure(0, "burst", tsunagu, "/", connections=args.burst_connections)
    finally:
        for stop in reversed(stops):
            stop()
    print_table("Uncached (page cache setting off)", runner, BAKERY_HOME, labels,
                series_extra(pages, sizes, bakery_q),
                f"Ratio: req/s over bakerydemo's home in the same round (median over rounds); target "
                f"≥ 3×: {targets(summary, 3, labels[:3])}. Queries: first/repeated request (test client).")
    if cached:
        cached_labels = [CEILING] + [p["label"] for p in cached_pages] + [BAKERY_HOME]
        cached_summary = report.summarise(cached.runs, CEILING, cached_labels)
        print_table("Cached (the branch's settings, anonymous)", cached, CEILING, cached_labels,
                    series_extra(cached_pages, cached_sizes, bakery_q),
                    f"Ratio: req/s over Tsunagu's static-file ceiling in the same round; target ≥ 0.5×: "
                    f"{targets(cached_summary, 0.5, [CEILING, BAKERY_HOME])}. The setting "
                    f"{args.cache_setting} is {'defined' if counted['size']['cache_setting_defined'] else 'not defined'} "
                    f"on this branch.")
        print(f"\nBurst, {args.burst_connections} clients, cached home: {burst.rps:.1f} req/s, p50 {burst.p50_ms:.0f} ms, "
              f"p99 {burst.p99_ms:.0f} ms, {burst.requests} requests, {burst.errors} errors (target p99 < 1,000 ms)")
    print(f"\nCeilings: Tsunagu's {TSUNAGU_STATIC} is answered by bench/anchor_wsgi.py before Django in the same "
          f"gunicorn (nginx serves /static/ in production); bakerydemo's {BAKERY_STATIC} by whitenoise's middleware. "
          f"Load average after: {load_average()} (other processes on the machine lower every figure). "
          f"Logs in {scratch}.")


if __name__ == "__main__":
    main()
