"""Figures for the metropolitan coordinators' pipeline dashboard and its CSV export."""

import statistics
from collections import defaultdict

from django.db.models import Case, Count, When
from django.utils import timezone

from tenants import spreadsheets
from tenants.jpdates import person_name

from .models import Agreement, Prospect, active_q

EXPIRING_WITHIN_DAYS = 60


def stage_counts():
    counts = dict(Prospect.objects.values_list("stage").annotate(n=Count("pk")))
    return [(stage, label, counts.get(stage, 0)) for stage, label in Prospect.Stage.choices]


def median_days_per_stage():
    """Median days a prospect stayed in each stage it has left (from the history rows)."""
    durations = defaultdict(list)
    for prospect in Prospect.objects.prefetch_related("history"):
        entered_at = prospect.created_at
        for change in prospect.history.all():
            durations[change.from_stage].append((change.at - entered_at).total_seconds() / 86400)
            entered_at = change.at
    return [(stage, label, round(statistics.median(durations[stage]), 1) if durations[stage] else None)
            for stage, label in Prospect.Stage.choices]


def expiring_agreements(today=None):
    import datetime

    today = today or timezone.localdate()
    return (Agreement.objects.filter(active_q(today), valid_until__isnull=False,
                                     valid_until__lte=today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS))
            .select_related("organisation").order_by("valid_until"))


def overdue_prospects(today=None):
    today = today or timezone.localdate()
    return (Prospect.objects.filter(stage__in=Prospect.OPEN_STAGES, next_step_on__lt=today)
            .select_related("organisation", "assigned_to").order_by("next_step_on"))


def prospects_in_progress():
    """Every prospect still on its way (on hold included), the furthest along first."""
    stages = [*Prospect.OPEN_STAGES[::-1], Prospect.Stage.ON_HOLD]
    order = Case(*[When(stage=stage, then=index) for index, stage in enumerate(stages)])
    return (Prospect.objects.filter(stage__in=stages).select_related("organisation", "assigned_to")
            .order_by(order, "organisation__name_kana", "pk"))


def chart_bars(counts, width=480, bar_height=22, gap=6, label_width=170):
    """Geometry of a horizontal bar chart, rendered as SVG by the template (no JavaScript)."""
    top = max([n for _, _, n in counts] + [1])
    bars = []
    for index, (stage, label, n) in enumerate(counts):
        y = index * (bar_height + gap)
        bars.append({"label": label, "count": n, "y": y, "text_y": y + bar_height * 0.7,
                     "width": round((width - label_width - 40) * n / top, 1)})
    return {"bars": bars, "height": len(counts) * (bar_height + gap), "width": width,
            "label_width": label_width, "bar_height": bar_height}


CSV_HEADERS = ["団体名", "段階", "開拓の経路", "紹介元の区市町村", "担当コーディネーター", "次の対応",
               "次の対応の期日", "登録日", "協定番号"]


def write_pipeline_csv(handle, bom=False):
    if bom:
        handle.write("\ufeff")
    writer = spreadsheets.writer(handle)
    writer.writerow(CSV_HEADERS)
    for p in Prospect.objects.select_related("organisation", "referred_by", "assigned_to", "agreement"):
        writer.writerow([p.organisation.name, p.get_stage_display(), p.get_source_display(),
                         p.referred_by.name if p.referred_by else "",
                         person_name(p.assigned_to),
                         p.next_step, p.next_step_on.isoformat() if p.next_step_on else "",
                         timezone.localtime(p.created_at).date().isoformat(),
                         p.agreement.number if p.agreement else ""])
