"""Tell staff when the admin cut what they typed into a search box.

The search backend (tenants/search_backend.py) searches only the first MAX_QUERY_LENGTH
characters of any query. On a full admin page (a list, the page search) the person is told so
in the admin's message area of that same page; the partial results a list or a chooser fetches
while typing carry no message (it would otherwise surface on the next page instead)."""

from django.contrib import messages

from .search_backend import MAX_QUERY_LENGTH, too_long_notice


def _full_admin_page(request):
    path = request.path
    return (request.method == "GET" and path.startswith("/admin/") and not path.endswith("/results/")
            and "choose" not in path and not request.headers.get("x-requested-with"))


class SearchLengthNoticeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        typed = request.GET.get("q", "")
        if len(typed) > MAX_QUERY_LENGTH and _full_admin_page(request):
            messages.warning(request, too_long_notice(typed, MAX_QUERY_LENGTH))
        return self.get_response(request)
