"""Public views of the support network: the 62-municipality consultation-window list and the
support directory."""

from itertools import groupby

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from tenants.models import Municipality

from .filters import ConsultationWindowFilter, OrganisationFilter
from .models import ConsultationWindow, Organisation
from .partners import with_partner_flag
from .windows_csv import write_csv


def public_windows():
    """What the public may see: published windows only."""
    return ConsultationWindow.objects.filter(live=True)


def filtered_windows(request):
    """Published windows narrowed by the list's filters; bad filter input is shown, not applied."""
    filterset = ConsultationWindowFilter(
        request.GET or None,
        queryset=public_windows().select_related("municipality").prefetch_related("methods"),
    )
    if filterset.is_bound and filterset.is_valid():
        filtering = any(value not in (None, "", False) for value in filterset.form.cleaned_data.values())
        return filterset, filterset.qs.distinct(), filtering
    return filterset, filterset.queryset, False


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


def window_csv(request):
    """The list as CSV (UTF-8); ?bom=1 adds the byte-order mark Excel needs to read UTF-8."""
    _filterset, windows, _filtering = filtered_windows(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="consultation_windows.csv"'
    write_csv(windows, response, bom=request.GET.get("bom") == "1")
    return response


def public_organisations():
    """What the public may see: the live version of each organisation only."""
    return Organisation.objects.filter(live=True)


def directory(request):
    filterset = OrganisationFilter(request.GET or None, queryset=public_organisations())
    organisations = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    organisations = with_partner_flag(
        organisations.distinct().order_by("name_kana", "pk")
        .select_related("base_municipality").prefetch_related("support_types"))
    page = Paginator(organisations, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "network/directory.html", {
        "filter": filterset, "page_obj": page, "query": query.urlencode(),
    })


def organisation_detail(request, pk):
    organisation = get_object_or_404(
        with_partner_flag(public_organisations()).select_related("base_municipality")
        .prefetch_related("support_types", "municipalities_served"), pk=pk)
    return render(request, "network/organisation_detail.html", {"organisation": organisation})
