"""A load run on loopback: gunicorn on PostgreSQL, driven by locust (headless), then a check
that no application was lost or counted twice.

    scripts/with-postgres .venv/bin/python bench/load.py [--users 20] [--seconds 30] [--workers 3]

Needs the bench extra (`.venv/bin/pip install '.[bench]'`, i.e. locust). Creates the tables and
Tokyo with the demo data in the database DATABASE_URL names (idempotent), adds one event with
four sessions of 5 seats and a waiting list, starts gunicorn (cms.settings.production, tasks
queued in the ORM broker as in production; no qcluster, so no email is sent) and runs
bench/locustfile.py against it: public browsing 60 %, searches 20 %, applications 20 %.
Prints requests/s, median and p95 per kind and overall, and errors; then checks:
- every session's booked counter equals the seats of its confirmed applications, within capacity;
- every application answered 2xx has exactly one row, and no row exists without a 2xx answer.
Exits 1 when a check fails. Figures, not assertions: compare runs on the same machine."""

import argparse
import csv
import importlib.util
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("Set DATABASE_URL to PostgreSQL, e.g. scripts/with-postgres .venv/bin/python bench/load.py")

import django  # noqa: E402

django.setup()

from bench.server_env import gunicorn_env  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Sum  # noqa: E402
from django.utils import timezone  # noqa: E402

from cms.bootstrap import bootstrap_tokyo  # noqa: E402
from cms.demo import load_demo  # noqa: E402
from network.models import Organisation  # noqa: E402
from tenants.models import Municipality  # noqa: E402
from training.models import Application, Event, Session  # noqa: E402


def prepare():
    call_command("migrate", verbosity=0)
    bootstrap_tokyo()
    load_demo()
    day = timezone.localdate() + datetime.timedelta(days=30)
    event = Event.objects.create(kind="weekday_individual", title=f"負荷試験 個別相談会 {time.time():.0f}",
                                 venue="都庁", published=True, waiting_list=True,
                                 municipality=Municipality.objects.get(slug="shinjuku"),
                                 deadline=timezone.now() + datetime.timedelta(days=20))
    sessions = [Session.objects.create(
        event=event, capacity_in_person=5, capacity_online=0,
        starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(h))),
        ends_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(h, 50)))) for h in (10, 11, 13, 14)]
    return event, sessions


def start_gunicorn(port, workers, log):
    env = gunicorn_env()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--workers", str(workers),
                               "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], cwd=ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    for _ in range(150):
        if server.poll() is not None:
            raise SystemExit("gunicorn did not start")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 30 s")


def run_locust(port, users, seconds, event, sessions, results, csv_prefix):
    env = {**os.environ, "LOAD_EVENT_ID": str(event.pk), "LOAD_SESSIONS": ",".join(str(s.pk) for s in sessions),
           "LOAD_RESIDENCE": str(Municipality.objects.get(slug="shinjuku").pk), "LOAD_RESULTS": str(results),
           "LOAD_ORGANISATIONS": ",".join(str(pk) for pk in Organisation.objects.filter(live=True)
                                          .order_by("pk").values_list("pk", flat=True)[:5])}
    command = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
               "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s",
               "--host", f"http://127.0.0.1:{port}", "--csv", str(csv_prefix), "--only-summary",
               "--loglevel", "WARNING", "--stop-timeout", "10"]
    finished = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if finished.returncode not in (0, 1):  # 1: some requests failed (reported below)
        sys.stderr.write(finished.stderr[-3000:])
        raise SystemExit(f"locust failed ({finished.returncode})")


def report(csv_prefix):
    with open(f"{csv_prefix}_stats.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    print(f"{'request':<34}{'count':>7}{'errors':>8}{'req/s':>8}{'median ms':>11}{'p95 ms':>8}")
    for row in rows:
        label = row["Name"] if row["Type"] else "ALL"
        print(f"{label[:33]:<34}{row['Request Count']:>7}{row['Failure Count']:>8}{float(row['Requests/s']):>8.1f}"
              f"{row['50%']:>11}{row['95%']:>8}")
    print("(locust's table ends at --run-time; requests still finishing in the 10 s stop grace are counted "
          "only by the check below, so that none is cut off half-way)")
    failures = Path(f"{csv_prefix}_failures.csv")
    if failures.exists():
        for row in list(csv.DictReader(failures.open(encoding="utf-8")))[:5]:
            print(f"  error: {row['Method']} {row['Name']}: {row['Error']} ×{row['Occurrences']}")


def check(event, sessions, results):
    answered = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines() if line]
    phones = Counter(a["phone"] for a in answered)
    rows = Counter(Application.objects.filter(event=event).values_list("phone", flat=True))
    ok = True
    lost = [p for p in phones if rows[p] != 1]
    phantom = [p for p in rows if p not in phones]
    if lost or phantom or any(n > 1 for n in phones.values()) or not answered:
        ok = False  # no successful application at all proves nothing either
    print(f"applications answered 2xx: {len(answered)}; rows: {sum(rows.values())}; "
          f"without exactly one row: {len(lost)}; rows without a 2xx answer: {len(phantom)}")
    statuses = Counter(Application.objects.filter(event=event).values_list("status", flat=True))
    print(f"  confirmed {statuses['confirmed']}, waiting {statuses['waiting']}, other "
          f"{sum(statuses.values()) - statuses['confirmed'] - statuses['waiting']}")
    for session in Session.objects.filter(pk__in=[s.pk for s in sessions]).order_by("pk"):
        seats = Application.objects.filter(session=session, status="confirmed").aggregate(n=Sum("seats"))["n"] or 0
        fine = session.booked_in_person == seats <= session.capacity_in_person
        ok &= fine
        print(f"  session {timezone.localtime(session.starts_at):%H:%M}: booked {session.booked_in_person}"
              f"/{session.capacity_in_person}, confirmed seats {seats} → {'consistent' if fine else 'INCONSISTENT'}")
    print("check:", "no application lost or double-counted" if ok else "FAILED")
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20, help="simultaneous simulated visitors")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    if importlib.util.find_spec("locust") is None:  # never import it here: it monkey-patches with gevent
        raise SystemExit("locust is missing: .venv/bin/pip install '.[bench]'")
    event, sessions = prepare()
    print(f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}, {os.cpu_count()} CPU(s); "
          f"gunicorn {args.workers} workers; {args.users} locust users for {args.seconds} s")
    connection.close()
    work = Path(tempfile.mkdtemp(prefix="tsunagu-load."))
    results = work / "applications.jsonl"
    results.touch()
    log = open(work / "gunicorn.log", "w")
    server = start_gunicorn(args.port, args.workers, log)
    try:
        run_locust(args.port, args.users, args.seconds, event, sessions, results, work / "load")
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(work / "load")
    print(f"(gunicorn log and locust CSV files in {work})")
    sys.exit(0 if check(event, sessions, results) else 1)


if __name__ == "__main__":
    main()
