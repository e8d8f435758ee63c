"""Applications per second and a contention run, on PostgreSQL.

    scripts/with-postgres .venv/bin/python bench/bookings.py [--applications 500] [--threads 8] [--contenders 200]

Creates the tables in the database DATABASE_URL names, then prints:
- sequential and threaded throughput of `training.events.services.apply` (applications/s, p95 ms),
- a contention run: --contenders threads released together at one slot of 2 seats, with the
  confirmed / waiting / error counts and a check that the session's counter equals the confirmed
  rows and never exceeds the capacity.
Figures, not assertions: compare runs on the same machine."""

import argparse
import datetime
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("Set DATABASE_URL to PostgreSQL, e.g. scripts/with-postgres .venv/bin/python bench/bookings.py")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from training.events import services as bookings  # noqa: E402
from training.models import Application, Event, Session  # noqa: E402


def make_event(seats, sessions=1):
    start = timezone.now() + datetime.timedelta(days=30)
    event = Event.objects.create(kind="family_seminar", title=f"bench {time.time()}", venue="bench",
                                 deadline=start - datetime.timedelta(days=3), published=True)
    return event, [Session.objects.create(event=event, starts_at=start + datetime.timedelta(hours=h),
                                          ends_at=start + datetime.timedelta(hours=h, minutes=50),
                                          capacity_in_person=seats) for h in range(sessions)]


def person(n):
    return {"name": f"ベンチ {n}", "name_kana": "べんち", "phone": f"090-{n // 10000:04d}-{n % 10000:04d}",
            "relation": "parent", "person_age": 30}


def timed_applications(event, sessions, numbers, latencies, errors):
    try:
        for n in numbers:
            began = time.perf_counter()
            try:
                bookings.apply(event, sessions, **person(n))
            except Exception as error:  # noqa: BLE001 - counted, printed below
                errors.append(repr(error))
            latencies.append(time.perf_counter() - began)
    finally:
        connection.close()


def throughput(count, threads, offset):
    event, sessions = make_event(seats=count * 2, sessions=3)
    latencies, errors = [], []
    chunks = [range(offset + i, offset + count, threads) for i in range(threads)]
    began = time.perf_counter()
    workers = [threading.Thread(target=timed_applications, args=(event, sessions[:2], chunk, latencies, errors))
               for chunk in chunks]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - began
    p95 = statistics.quantiles(latencies, n=20)[18] * 1000 if len(latencies) >= 20 else max(latencies) * 1000
    print(f"  {threads:>2} thread(s): {count} applications in {elapsed:.2f} s → {count / elapsed:,.0f}/s, "
          f"median {statistics.median(latencies) * 1000:.1f} ms, p95 {p95:.1f} ms, errors {len(errors)}")


def contention(contenders, offset):
    event, (session,) = make_event(seats=2)
    barrier = threading.Barrier(contenders)
    errors = []

    def one(n):
        try:
            barrier.wait()
            bookings.apply(event, [session], **person(n))
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))
        finally:
            connection.close()

    workers = [threading.Thread(target=one, args=(offset + n,)) for n in range(contenders)]
    began = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - began
    session.refresh_from_db()
    rows = Application.objects.filter(event=event)
    confirmed = rows.filter(status="confirmed").count()
    waiting = rows.filter(status="waiting").count()
    print(f"  {contenders} contenders for 2 seats in {elapsed:.2f} s: confirmed {confirmed}, waiting {waiting}, "
          f"errors {len(errors)}; session counter {session.booked_in_person}/{session.capacity_in_person} "
          f"→ {'consistent' if session.booked_in_person == confirmed <= session.capacity_in_person else 'INCONSISTENT'}")
    for error in errors[:3]:
        print("   ", error)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=500)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--contenders", type=int, default=200)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print(f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}, "
          f"{os.cpu_count()} CPU(s)")
    print("Throughput of bookings.apply (2 preferences, seat taken by a conditional UPDATE):")
    throughput(args.applications, 1, offset=0)
    throughput(args.applications, args.threads, offset=100_000)
    print("Contention:")
    contention(args.contenders, offset=200_000)


if __name__ == "__main__":
    main()
