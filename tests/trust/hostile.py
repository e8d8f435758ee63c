"""What a hostile (or unlucky) user types into a search box or a filter, and how to find every
search box of the site from the URL configuration, so a new list or chooser is covered by
itself."""

import inspect

from django.urls import URLPattern, URLResolver, get_resolver

from tests.trust.access_rules import RULES

# Each answered 500 somewhere before (issue 18): FTS syntax, quotes, lone CJK, emoji, length.
HOSTILE = {
    "quote": '"',
    "quotes": '"a" "',
    "apostrophe": "'",
    "symbols": "!@#$%^&*()[]{}<>?/\\|~`+=-_;:,.",
    "near": "NEAR",
    "near-group": "NEAR(a b, 2)",
    "and": "AND",
    "or": "a OR",
    "not": "NOT b",
    "star": "*",
    "caret": "^",
    "colon": ":",
    "column": "title: x",
    "parens": "((",
    "percent": "100%",
    "kanji": "支",
    "emoji": "🙂",
    "long": "支援" * 5000,
    "whitespace": " \u3000 \t ",
    "plain": "支援",
}


def _walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def _searchable(route, callback):
    """A list (`is_searchable`), a chooser (a filter form, whose `q` searches), or a search view."""
    view_class = getattr(inspect.unwrap(callback), "view_class", None)
    if view_class is None:
        return "search/" in route
    return bool(getattr(view_class, "is_searchable", None) or hasattr(view_class, "get_filter_form_class")
                or "Search" in view_class.__name__ or "ChooserResults" in view_class.__name__
                or view_class.__name__ == "TaskChooserView")


def admin_search_routes():
    """Every admin URL pattern whose view takes a search (`q`): lists, their results views and
    the choosers."""
    return sorted({route for route, callback in _walk(get_resolver())
                   if route.startswith("admin/") and _searchable(route, callback) and route in RULES})
