"""Public views of the support network: the 62-municipality consultation-window list."""

from itertools import groupby

from django.shortcuts import render

from tenants.models import Municipality

from .filters import ConsultationWindowFilter
from .models import ConsultationWindow


def public_windows():
    """What the public may see: published windows only."""
    return ConsultationWindow.objects.filter(live=True)


def window_list(request):
    filterset = ConsultationWindowFilter(
        request.GET or None,
        queryset=public_windows().select_related("municipality").prefetch_related("methods"),
    )
    if filterset.is_bound and filterset.is_valid():
        windows = filterset.qs
        filtering = any(value not in (None, "", False) for value in filterset.form.cleaned_data.values())
    else:  # unfiltered, or bad input (shown with its message next to the field)
        windows, filtering = filterset.queryset, False
    by_municipality = {pk: list(items) for pk, items in groupby(windows.distinct(), key=lambda w: w.municipality_id)}
    municipalities = Municipality.objects.select_related("root_page")
    if filtering:
        municipalities = municipalities.filter(pk__in=by_municipality.keys())
    rows = [(m, by_municipality.get(m.pk, [])) for m in municipalities]
    return render(request, "network/window_list.html", {
        "filter": filterset, "rows": rows, "filtering": filtering,
        "window_count": sum(len(items) for _, items in rows),
    })
