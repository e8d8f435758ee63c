"""Public views of the support directory: the filtered list of organisations and each one's page."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from tenants import throttle

from ..models import Organisation
from ..partners import with_partner_flag
from .filters import OrganisationFilter


def public_organisations():
    """What the public may see: the live version of each organisation only."""
    return Organisation.objects.filter(live=True)


@throttle.limited("search", methods=("GET",), when=throttle.keyword_given)
def directory(request):
    filterset = OrganisationFilter(request.GET or None, queryset=public_organisations())
    organisations = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    organisations = with_partner_flag(
        organisations.order_by("name_kana", "pk")
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
