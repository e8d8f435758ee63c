"""Small admin building blocks every app uses: a menu item shown when an access rule allows,
and reading an object id from a POSTed form."""

from django.http import Http404
from wagtail.admin.menu import MenuItem


class AccessMenuItem(MenuItem):
    """A menu item shown only to users for whom `shown_to(user)` (a tenants.access rule) holds."""

    def __init__(self, label, url, shown_to, **kwargs):
        super().__init__(label, url, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request):
        return self.shown_to(request.user)


def posted_id(request, name):
    """The integer id a form posted as `name`; anything else is not found (404), not a 500."""
    value = request.POST.get(name, "")
    if not (value.isascii() and value.isdigit()):
        raise Http404
    return int(value)
