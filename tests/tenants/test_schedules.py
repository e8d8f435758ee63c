"""One schedule row per name, however many processes create the schedules at once: two rows of
one name would run a daily task twice."""

import threading

import pytest
from django.db import connection, connections
from django_q.models import Schedule

from tenants.schedules import ensure_daily

NAME = "test: nightly check"


def test_an_existing_schedule_is_kept_as_the_administrator_changed_it(db):
    first = ensure_daily(NAME, "agreements.tasks.daily_reminders", 8)
    Schedule.objects.filter(pk=first.pk).update(func="network.tasks.profile_reminders")
    again = ensure_daily(NAME, "agreements.tasks.daily_reminders", 8)
    assert again.pk == first.pk
    assert list(Schedule.objects.filter(name=NAME).values_list("func", flat=True)) == [
        "network.tasks.profile_reminders"]


def test_duplicates_left_by_an_older_version_are_removed_keeping_the_oldest(db):
    rows = [Schedule.objects.create(name=NAME, func="agreements.tasks.daily_reminders",
                                    schedule_type=Schedule.DAILY) for _ in range(3)]
    kept = ensure_daily(NAME, "agreements.tasks.daily_reminders", 8)
    assert kept.pk == rows[0].pk
    assert Schedule.objects.filter(name=NAME).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="several connections at once: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_eight_processes_starting_at_once_leave_one_schedule_per_name():
    start = threading.Barrier(8)
    errors = []

    def create():
        try:
            start.wait()
            for n in range(5):
                ensure_daily(f"{NAME} {n}", "agreements.tasks.daily_reminders", 8)
        except Exception as error:  # reported below, a thread's exception would be lost
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    counts = {n: Schedule.objects.filter(name=f"{NAME} {n}").count() for n in range(5)}
    assert counts == {n: 1 for n in range(5)}
