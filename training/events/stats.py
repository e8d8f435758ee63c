"""Statistics for coordinators: applications, allocations, attendance and waiting list per event,
kind and fiscal year. Counted from the rows, which outlive the erased personal fields."""

from collections import defaultdict

from django.db.models import Count, Min, Q, Sum

from tenants.jpdates import fiscal_year, fiscal_year_name

from ..models import Application, Event

Status = Application.Status
HEADERS = ["年度", "種別", "イベント", "主催", "申込", "確定", "キャンセル待ち", "未割当", "取消", "出席", "確定席数"]


def table(events):
    rows = (events.annotate(
        first_start=Min("sessions__starts_at"),
        applied=Count("applications", distinct=True),
        confirmed=Count("applications", filter=Q(applications__status=Status.CONFIRMED), distinct=True),
        waiting=Count("applications", filter=Q(applications__status=Status.WAITING), distinct=True),
        unallocated=Count("applications", filter=Q(applications__status=Status.UNALLOCATED), distinct=True),
        cancelled=Count("applications", filter=Q(applications__status=Status.CANCELLED), distinct=True),
        attended=Count("applications", filter=Q(applications__attended=True), distinct=True),
    ).select_related("municipality").order_by("first_start", "pk"))
    seats = dict(Application.objects.filter(event__in=events, status=Status.CONFIRMED)
                 .values_list("event").annotate(n=Sum("seats")))
    result = []
    for event in rows:
        event.fiscal_year = fiscal_year(event.first_start or event.deadline)
        event.seats_confirmed = seats.get(event.pk, 0)
        result.append(event)
    return result


def by_kind_and_year(rows):
    totals = defaultdict(lambda: defaultdict(int))
    for event in rows:
        bucket = totals[(event.fiscal_year, event.get_kind_display())]
        for field in ("applied", "confirmed", "waiting", "unallocated", "cancelled", "attended"):
            bucket[field] += getattr(event, field)
        bucket["events"] += 1
    return [(year, kind, dict(values)) for (year, kind), values in sorted(totals.items(), key=lambda i: (i[0][0], i[0][1]))]


def csv_rows(rows):
    for event in rows:
        yield [fiscal_year_name(event.fiscal_year), event.get_kind_display(), event.title,
               event.municipality.name if event.municipality else "東京都", event.applied, event.confirmed,
               event.waiting, event.unallocated, event.cancelled, event.attended, event.seats_confirmed]
