"""Control characters never get in. NUL makes PostgreSQL refuse the query (a 500 instead of an
answer) and SQLite store it; BEL, ESC and the C1 controls are invisible in every screen and break
CSV and terminal output. One check, run on every request before any view, refuses a query string,
path or form value that holds one, with a Japanese 400 page naming what was wrong. TAB, LF and
CR stay allowed (text areas need them). File contents and JSON bodies are not form values and are
checked where they are read (imports through `find_control`, uploads in tenants/uploads.py).

The same page answers Django's own refusals (too many fields, too large a body, a bad Host), which
would otherwise show Django's English "Bad Request (400)"."""

import re

from django.core.exceptions import DisallowedHost, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponseBadRequest
from django.template import loader
from django.utils.translation import gettext as _

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def find_control(text):
    """The first control character of `text` (other than TAB, LF, CR) as "U+0000", or None."""
    match = CONTROL.search(text or "")
    return f"U+{ord(match.group()):04X}" if match else None


MARK = "□"
SECRET_NAMES = ("password", "token", "otp", "code", "secret", "csrf")


def _excerpt(text):
    """Up to 12 characters either side of the first control character, which is shown as □, so
    that the sender recognises the entry by what they typed (field names are code, not words)."""
    at = CONTROL.search(text).start()
    return CONTROL.sub(MARK, text[max(at - 12, 0):at + 13])


def _first_bad(querydict):
    """(excerpt or None for a secret entry, character) of the first value or name holding one."""
    for key, values in querydict.lists():
        for value in [key, *values]:
            if isinstance(value, str) and (character := find_control(value)):
                secret = value is not key and any(word in key.lower() for word in SECRET_NAMES)
                return (None if secret else _excerpt(value)), character
    return None


def problem_in(request):
    """A Japanese sentence saying which part of the request holds a control character, or None."""
    if character := find_control(request.path_info):
        return _("The address (URL) contains an invisible control character (%(character)s). "
                 "Check the address and open the page again.") % {"character": character}
    if found := _first_bad(request.GET):
        return _("The search conditions in the address contain an invisible control character "
                 "(%(character)s) where □ stands in “%(excerpt)s”. Enter the conditions again without it.") % {
            "excerpt": found[0] or MARK, "character": found[1]}
    if request.method == "POST" and request.content_type in FORM_TYPES:
        found = _first_bad(request.POST)
        if found is None:
            names = [upload.name for upload in request.FILES.values()]
            if bad := next((name for name in names if find_control(name)), None):
                found = (_excerpt(bad), find_control(bad))
        if found and found[0] is None:
            return _("A password or code entered contains an invisible control character (%(character)s), "
                     "which cannot be used. Nothing was saved. Go back, type it again and send the form "
                     "again.") % {"character": found[1]}
        if found:
            return _("The entry “%(excerpt)s” contains an invisible control character (%(character)s) where "
                     "□ stands, which cannot be saved. Nothing was saved. Go back, type that entry again "
                     "(do not paste it) and send the form again.") % {"excerpt": found[0], "character": found[1]}
    return None


def refusal(message):
    """The Japanese 400 page with `message`. Rendered without the request, so that a request
    refused for its Host or its body cannot fail again in a context processor."""
    body = loader.get_template("400.html").render({"message": message})
    return HttpResponseBadRequest(body)


class ControlCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        message = problem_in(request)
        if message:
            return refusal(message)
        return self.get_response(request)


def bad_request(request, exception):
    """handler400: Django's refusals (SuspiciousOperation and its kin) in Japanese."""
    if isinstance(exception, (TooManyFieldsSent, TooManyFilesSent)):
        message = _("The form sent far more entries than any of our forms has, so it was not accepted. "
                    "Nothing was saved. Open the form again from its page and send it once more.")
    elif isinstance(exception, RequestDataTooBig):
        message = _("The data sent is too large, so it was not accepted. Nothing was saved. "
                    "Make attached files smaller or send fewer at a time.")
    elif isinstance(exception, DisallowedHost):
        message = _("This site cannot be shown under this address. Open it from its usual address.")
    else:
        message = _("The request could not be understood, so nothing was done. Go back and try again.")
    return refusal(message)
