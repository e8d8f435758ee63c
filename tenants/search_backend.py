"""The search backend of every search box (WAGTAILSEARCH_BACKENDS): Wagtail's database backend,
with what people type made safe before the database's full-text engine parses it.

modelsearch quotes each term for SQLite FTS5 and PostgreSQL's to_tsquery but does not escape a
double quote inside it, so a lone `"` (and FTS syntax around it) answered 500 in every admin
list and chooser (issue 18). Only letters, digits and combining marks can match an indexed word
anyway, so everything else becomes a space, the query is capped (MAX_QUERY_LENGTH characters,
MAX_TERMS words) and a query with nothing left finds nothing.

A list that names its `search_fields` (the agreement list: `number`) made the backend restrict
the match: on SQLite to an FTS column of that name, which the FTS table does not have (it has
title, body and autocomplete), so every search of that list failed; on PostgreSQL to the raw
column, parsed without the model's own index fields (agreements index their number's parts,
because the parser reads "-2026" in 協定-2026-007 as one signed number). On both databases the
whole index entry of the model is searched instead, so a list finds the same on either."""

import functools
import unicodedata

from django.utils.translation import gettext_lazy as _
from modelsearch.backends.base import EmptySearchResults
from modelsearch.backends.database import SearchBackend as database_backend

MAX_QUERY_LENGTH = 200
MAX_TERMS = 20
# What a public search box takes (its input's maxlength); the words are cut there, with a notice.
PUBLIC_QUERY_LENGTH = 100
TOO_LONG = _("The search words were too long: only the first %(count)s characters were searched.")


def too_long_notice(text, limit):
    """The notice to show when `text` is cut at `limit` characters, or None."""
    return TOO_LONG % {"count": limit} if len(str(text).strip()) > limit else None


def clean_query(text):
    """What of `text` a full-text engine may see: words of letters, digits and marks."""
    kept = "".join(c if unicodedata.category(c)[0] in "LNM" else " " for c in str(text)[:MAX_QUERY_LENGTH])
    return " ".join(kept.split()[:MAX_TERMS])


class NoResults(EmptySearchResults):
    """Nothing found, still naming its model as a queryset would (the admin's lists ask it for
    their template context; modelsearch's own empty result has none)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def _clone(self):
        return self.__class__(self.model)


class SafeQueryMixin:
    def search(self, query, model_or_queryset, fields=None, **kwargs):
        query, fields = self._safe(query, fields)
        if query == "":
            return NoResults(getattr(model_or_queryset, "model", model_or_queryset))
        return super().search(query, model_or_queryset, fields=fields, **kwargs)

    def autocomplete(self, query, model_or_queryset, fields=None, **kwargs):
        query, fields = self._safe(query, fields)
        if query == "":
            return NoResults(getattr(model_or_queryset, "model", model_or_queryset))
        return super().autocomplete(query, model_or_queryset, fields=fields, **kwargs)

    def _safe(self, query, fields):
        if isinstance(query, str):
            query = clean_query(query)
        return query, None


@functools.cache
def _safe_class(backend_class):
    return type(f"Safe{backend_class.__name__}", (SafeQueryMixin, backend_class), {})


def SearchBackend(params):  # noqa: N802 - the name Wagtail imports from a backend module
    """The database backend for the connection's vendor (SQLite FTS5 or PostgreSQL), made safe."""
    backend = database_backend(params)
    backend.__class__ = _safe_class(type(backend))
    return backend
