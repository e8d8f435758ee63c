"""Site search over portal pages and the support directory, in Japanese."""

from django.shortcuts import render
from wagtail.models import Page

from network.views import public_organisations
from tenants import jpsearch

MAX_RESULTS = 50


def search(request):
    query = request.GET.get("q", "").strip()[:100]
    pages = organisations = []
    if query:
        pages = list(jpsearch.search(Page.objects.live().public().specific(), query)[:MAX_RESULTS])
        organisations = list(jpsearch.search(public_organisations(), query,
                                             fallback_fields=("name", "name_kana"))[:MAX_RESULTS])
    return render(request, "cms/search.html", {
        "query": query, "pages": pages, "organisations": organisations,
    })
