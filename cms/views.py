"""Site search over portal pages and the support directory, in Japanese."""

from django.shortcuts import render
from wagtail.models import Page

from network.directory.views import public_organisations
from network.partners import with_partner_flag
from tenants import jpsearch, throttle
from tenants.search_backend import PUBLIC_QUERY_LENGTH, too_long_notice

MAX_RESULTS = 50


@throttle.limited("search", methods=("GET",), when=throttle.keyword_given)
def search(request):
    typed = request.GET.get("q", "")
    query = typed.strip()[:PUBLIC_QUERY_LENGTH]
    pages = organisations = []
    if query:
        pages = list(jpsearch.search(Page.objects.live().public().specific(), query)[:MAX_RESULTS])
        found = [o.pk for o in jpsearch.search(public_organisations(), query,
                                               fallback_fields=("name", "name_kana"))[:MAX_RESULTS]]
        # Re-read with what the result cards show, in the search's order (no query per card).
        loaded = with_partner_flag(public_organisations()).select_related(
            "base_municipality").prefetch_related("support_types").in_bulk(found)
        organisations = [loaded[pk] for pk in found if pk in loaded]
    return render(request, "cms/search.html", {
        "query": query, "pages": pages, "organisations": organisations,
        "notice": too_long_notice(typed, PUBLIC_QUERY_LENGTH), "max_length": PUBLIC_QUERY_LENGTH,
    })
