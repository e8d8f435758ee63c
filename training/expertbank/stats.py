"""Figures for the coordinators' expert-bank dashboard."""

import statistics

from django.db.models import Count, Q
from django.utils import timezone

from tenants.jpdates import fiscal_year

from ..models import ConsultationRequest, Expert
from .services import COUNTED_STATES, LOAD_STATES

State = ConsultationRequest.State


def figures(today=None):
    today = today or timezone.localdate()
    by_state = dict(ConsultationRequest.objects.values_list("state").annotate(n=Count("pk")))
    open_rows = [(label, by_state.get(value, 0)) for value, label in State.choices
                 if value in ConsultationRequest.OPEN_STATES or value in (State.HELD, State.REPORTED)]
    year = fiscal_year(today)
    accepted = ConsultationRequest.objects.filter(fiscal_year=year, accepted_at__isnull=False)
    days = [(r.accepted_at - r.created_at).total_seconds() / 86400
            for r in accepted.only("created_at", "accepted_at")]
    month = Q(requests__state__in=COUNTED_STATES, requests__assigned_at__year=today.year,
              requests__assigned_at__month=today.month)
    experts = (Expert.objects.select_related("user")
               .annotate(open_count=Count("requests", filter=Q(requests__state__in=LOAD_STATES), distinct=True),
                         month_count=Count("requests", filter=month, distinct=True)))
    return {
        "open_rows": open_rows, "open_total": sum(n for _, n in open_rows),
        "median_days": round(statistics.median(days), 1) if days else None, "accepted_count": len(days),
        "year": year, "experts": experts,
    }
