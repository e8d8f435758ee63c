"""Public views of consultation windows: the 62-municipality list and its CSV."""

from itertools import groupby

from django.http import HttpResponse
from django.shortcuts import render

from tenants import scoping
from tenants.models import Municipality

from ..models import ConsultationWindow
from .export import write_csv
from .filters import ConsultationWindowFilter


def filtered_windows(request):
    """Published windows narrowed by the list's filters; bad filter input is shown, not applied."""
    filterset = ConsultationWindowFilter(
        request.GET or None,
        queryset=ConsultationWindow.objects.live().select_related("municipality").prefetch_related("methods"),
    )
    if filterset.is_bound and filterset.is_valid():
        filtering = any(value not in (None, "", False) for value in filterset.form.cleaned_data.values())
        return filterset, filterset.qs.distinct(), filtering
    return filterset, filterset.queryset, False


@scoping.published_everywhere
def window_list(request):
    filterset, windows, filtering = filtered_windows(request)
    by_municipality = {pk: list(items) for pk, items in groupby(windows, key=lambda w: w.municipality_id)}
    municipalities = Municipality.objects.select_related("root_page")
    if filtering:
        municipalities = municipalities.filter(pk__in=by_municipality.keys())
    rows = [(m, by_municipality.get(m.pk, [])) for m in municipalities]
    export_query = request.GET.urlencode()
    return render(request, "network/window_list.html", {
        "filter": filterset, "rows": rows, "filtering": filtering, "export_query": export_query,
        "window_count": sum(len(items) for _, items in rows),
    })


@scoping.published_everywhere
def window_csv(request):
    """The list as CSV (UTF-8); ?bom=1 adds the byte-order mark Excel needs to read UTF-8."""
    _filterset, windows, _filtering = filtered_windows(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="consultation_windows.csv"'
    write_csv(windows, response, bom=request.GET.get("bom") == "1")
    return response
