"""The machinery of the access matrix: walk the URL configuration, build a concrete path for a
pattern, ask it as a role and say whether the answer was "allowed" or "refused"."""

import html
import json
import re
from dataclasses import dataclass, field

from django.contrib import messages
from django.urls import URLPattern, URLResolver, get_resolver

CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def url_patterns(resolver=None, prefix=""):
    """Every URL pattern of the site as its full route (unique, unlike names), in order."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route


def routes_without_rules(routes, rules):
    return [route for route in routes if route not in rules]


def assert_every_url_has_a_rule(routes, rules):
    missing = routes_without_rules(routes, rules)
    assert not missing, "URL patterns without an access rule (add one to tests/trust/access_rules.py):\n" + \
        "\n".join(missing)


@dataclass(frozen=True)
class Rule:
    """Who may open a URL.

    `allow`: the roles that get the page (a 2xx, or a redirect that is not a refusal).
    Everyone else must be refused: 403, 404, or a redirect to the sign-in page or away to the
    dashboard (how Wagtail refuses), and refused again when they POST an empty form (or get 405). `args` names the world objects whose pks fill the route's
    parameters, or gives literal values; `path` builds the path itself when the route is a regex.
    `method` is "post" for views that only take POST (sent with an empty form).
    `sees`/`shows`: of the allowed roles, those in `sees` must find the text `shows` (a world
    object's attribute, "key.attr") in the page and the others must not: a list that opens for
    another municipality must not list this one's objects.
    `ok`: further statuses that count as allowed (e.g. 400 for an empty POST); `refused_as`:
    further statuses that count as refused (e.g. the admin API's 400 for a parent page the user
    may not see); `refused_to`: redirect targets that count as refused (the explorer sending a
    coordinator back to their own space); `allowed_to`: redirect targets that count as allowed
    (signing out lands on the sign-in page); `unseen`: when given, the roles that must not find
    `shows` (instead of every allowed role outside `sees`).
    `shows` may name several texts. `control`: a text every allowed role must find in the same
    answer, for rules where no one may find `shows` (so the check is known to be able to match).
    `query`: a query string for the request ("q=…"); `why` says why a rule is what it is."""

    allow: frozenset
    args: dict = field(default_factory=dict)
    path: object = None
    method: str = "get"
    shows: str = ""
    sees: frozenset = frozenset()
    ok: tuple = ()
    refused_as: tuple = ()
    refused_to: tuple = ()
    allowed_to: tuple = ()
    unseen: frozenset = None
    control: str = ""
    query: str = ""
    why: str = ""

    def must_not_see(self):
        return (self.allow - self.sees) if self.unseen is None else self.unseen


def build_path(route, rule, world):
    path = rule.path(world) if rule.path is not None else _fill(route, rule, world)
    if not rule.query:
        return path
    return path + "?" + re.sub(r"@([\w.]+)", lambda m: _query_value(m.group(1), world), rule.query)


def _query_value(spec, world):
    """"@key" is a world object's pk (or the value itself when it is text), "@key.attr" one of its
    attributes; URL-encoded."""
    from urllib.parse import quote

    if "." in spec or isinstance(world[spec], str):
        return quote(text_of(spec, world))
    return str(world[spec].pk)


def text_of(spec, world):
    """The text a `shows` spec names: "key.attr.attr" of a world object."""
    key, *attrs = spec.split(".")
    value = world[key]
    for attr in attrs:
        value = getattr(value, attr)
    return str(value)


def _fill(route, rule, world):
    if "(" in route or route.endswith("$"):
        raise ValueError(f"{route}: a regex route needs an explicit path")
    route = route.replace("^", "")  # Wagtail's admin API routes: "api/main/^pages/"

    def value(match):
        name = match.group(1)
        if name not in rule.args:
            raise KeyError(f"{route}: no value for <{name}>")
        given = rule.args[name]
        if isinstance(given, str) and given.startswith("@"):
            obj = world[given[1:]]
            return str(obj.pk)
        if callable(given):
            return str(given(world))
        return str(given)

    return "/" + CONVERTER.sub(value, route)


def outcome(response, rule):
    """("allowed" | "refused" | "other", detail)."""
    status = response.status_code
    location = response.get("Location", "")
    if status in (403, 404) or status in rule.refused_as:
        return "refused", str(status)
    if status in (301, 302, 303, 307):
        target = location.split("?")[0]
        if rule.allowed_to and target.startswith(rule.allowed_to):
            return "allowed", f"{status} → {location}"
        if "/login/" in target or target.startswith(rule.refused_to or ("\0",)):
            return "refused", f"{status} → {location}"
        if target in ("/admin/", "/admin"):
            # Wagtail refuses by sending the user to the dashboard with an error message; a
            # redirect there without one is not a refusal.
            if _error_message_queued(response):
                return "refused", f"{status} → {location}"
            return "other", f"{status} → {location} (no error message)"
        return "allowed", f"{status} → {location}"
    if 200 <= status < 300 or status in rule.ok:
        return "allowed", str(status)
    return "other", str(status)


def _error_message_queued(response):
    """An error message added while answering this request (not one carried in from before)."""
    storage = getattr(response.wsgi_request, "_messages", None)
    queued = getattr(storage, "_queued_messages", [])
    return any(message.level >= messages.ERROR for message in queued)


def body_text(response):
    """The response as text a person would read: JSON (the admin's modals) decoded so Japanese
    is not escaped, HTML entities unescaped, iCal's folded lines joined."""
    content = response.content.decode("utf-8", "replace")
    if response.get("Content-Type", "").startswith("application/json"):
        try:
            content = json.dumps(json.loads(content), ensure_ascii=False)
        except ValueError:
            pass
    if response.get("Content-Type", "").startswith("text/calendar"):
        content = content.replace("\r\n ", "").replace("\n ", "")
    return html.unescape(content)


def specs(shows):
    return (shows,) if isinstance(shows, str) else tuple(shows)
