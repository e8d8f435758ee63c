"""Generations of the anonymous page cache (the cache itself is cms/page_cache.py).

Every cached page's key holds generation tokens kept in the shared Django cache, and a change
that shows on a page replaces the tokens it touches, so the next request misses and renders
afresh, on every app server at once. Nothing enumerates URLs (query strings alone make that
impossible). Three kinds of token:

- `global`: in every page's key; replaced by a change not owned by one municipality (an
  organisation, an agreement, a Tokyo-wide event, a portal page, a document, a page move);
- `m:<slug>`: in the keys of a municipality's own pages (`/<slug>/…`);
- `all`: in the keys of every other page (home, lists, search, feeds, CSV, iCal), which may show
  any municipality's data; replaced together with `m:<slug>` by a change a municipality owns.

Tokens are random, never counters: a token evicted from the cache is replaced by a new one, so
an old page can never come back under it. A change replaces its tokens at once and again after
its transaction commits, so a page rendered from the old data while it was running is never
stored under a token that is still read.

`tenants` imports nothing above it, so the apps that own the models say what to watch from
their `AppConfig.ready()`: `page_cache.watch(Model, municipality_of)`; code that changes rows
with `QuerySet.update()` (no signal) calls `page_cache.changed(...)` itself."""

import logging
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

PREFIX = "tsunagu:pagecache:"
GLOBAL = PREFIX + "global"
EVERY = PREFIX + "all"
SLUGS = PREFIX + "slugs"

# Sent after the commit of every change, with `slugs` (the municipalities it touched) or
# `slugs=None` for a change everywhere: cms purges the front caches (nginx, a CDN) on it.
pages_changed = Signal()
log = logging.getLogger("tsunagu.page_cache")


def municipal(slug):
    return f"{PREFIX}m:{slug}"


def _token():
    return uuid.uuid4().hex[:16]


def generations(keys):
    """The current token of each key, creating the missing ones (one cache round trip when all
    exist)."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _token(), None)
            found[key] = cache.get(key) or _token()
    return [found[key] for key in keys]


def municipality_slugs():
    """The slugs that open a municipality's subtree, cached beside the tokens."""
    slugs = cache.get(SLUGS)
    if slugs is None:
        from .models import Municipality

        slugs = frozenset(Municipality.objects.values_list("slug", flat=True))
        cache.set(SLUGS, slugs, None)
    return slugs


def _keys_for(slugs):
    if slugs is None:
        return [GLOBAL]
    return [EVERY, *(municipal(slug) for slug in slugs)]


def _replace(keys):
    try:
        cache.set_many({key: _token() for key in keys}, None)
    except Exception:  # noqa: BLE001 (an unreachable cache must not undo the change itself)
        # Pages cached before the outage may then be served until their keys expire (the page
        # timeout); a Redis restart loses them anyway.
        log.exception("page cache: could not replace the generations %s", keys)


def changed(municipality_ids=None):
    """Pages showing data of these municipalities (ids; None: of every municipality) are stale."""
    slugs = None
    if municipality_ids is not None:
        from .models import Municipality

        ids = {pk for pk in municipality_ids if pk is not None}
        slugs = sorted(Municipality.objects.filter(pk__in=ids).values_list("slug", flat=True))
        if len(slugs) < len(ids) or not ids:
            slugs = None  # a row without a municipality is Tokyo-wide: shown everywhere
    keys = _keys_for(slugs)
    _replace(keys)

    def after_commit():
        _replace(keys)
        pages_changed.send(sender=None, slugs=slugs)

    transaction.on_commit(after_commit)


def changed_everywhere():
    changed(None)


def forget_municipalities():
    """A municipality was added, renamed or removed: its slug set and every page are stale."""
    cache.delete(SLUGS)
    changed_everywhere()


def watch(model, municipality_of=None):
    """Saving or deleting a `model` row makes the pages showing it stale. `municipality_of(row)`
    answers the municipality id owning the row (None for a Tokyo-wide one); without it the row
    shows everywhere."""

    def on_change(sender, instance, **kwargs):
        owner = municipality_of(instance) if municipality_of else None
        changed(None if owner is None else [owner])

    uid = f"tsunagu-page-cache-{model._meta.label_lower}"
    post_save.connect(on_change, sender=model, weak=False, dispatch_uid=uid + "-save")
    post_delete.connect(on_change, sender=model, weak=False, dispatch_uid=uid + "-delete")


def register():
    """tenants' own rows: a municipality's name or slug shows on every page."""
    from .models import Municipality

    def on_municipality(sender, instance, **kwargs):
        forget_municipalities()

    post_save.connect(on_municipality, sender=Municipality, weak=False, dispatch_uid="tsunagu-page-cache-municipality")
    post_delete.connect(on_municipality, sender=Municipality, weak=False,
                        dispatch_uid="tsunagu-page-cache-municipality-delete")
