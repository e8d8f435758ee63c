"""The anonymous page cache, shared by every app server (the Django cache: Redis with REDIS_URL,
else the database table every server reads).

Why our own middleware and not wagtail-cache: wagtail-cache 3.0.0 requires wagtail<8.0, and it
invalidates by clearing the whole cache (on Redis a FLUSHDB, which would also drop django-q2's
queue and the sign-in state kept there) or by a keyring of URLs, which cannot follow the lists
a window or a seat count shows on. This module keeps to Django's cache framework
(`patch_cache_control`, `set_response_etag`, `ConditionalGetMiddleware` for 304s) and keys each
page with the generation tokens of tenants/page_cache.py, which every change replaces.

A response is stored only when it is the same for every anonymous visitor: a GET of a public
path by a request with no session or message cookie and no signed-in user; answered 200, not
streamed, setting no cookie, using no CSRF token (the event application form, sign-in), carrying
no message, no draft preview, no members-only page. Every other answer to a signed-in user, a
form or a POST is marked `private, no-store`, so nginx or a CDN never keeps it either."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from tenants import page_cache as generations

PAGE_PREFIX = generations.PREFIX + "page:"
HEADER = "X-Page-Cache"
# Paths never cached: the admin and sign-in, documents (members-only ones are checked per
# request), invitation and cancellation links (a person's own token), health answers.
NEVER = ("/admin/", "/documents/", "/invitations/", "/events/cancel/", "/_util/", "/healthz", "/readyz",
         "/static/", "/media/")
# Headers a stored page must not vary on beyond what its key holds.
VARY_ALLOWED = {"cookie", "accept-language"}
MESSAGE_COOKIE = "messages"


def timeout():
    return getattr(settings, "TSUNAGU_PAGE_CACHE_SECONDS", 600)


def max_age():
    return getattr(settings, "TSUNAGU_PAGE_CACHE_MAX_AGE", 60)


def request_may_use_cache(request):
    if not getattr(settings, "TSUNAGU_PAGE_CACHE", True) or request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(NEVER) or "HTTP_AUTHORIZATION" in request.META:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGE_COOKIE in request.COOKIES:
        return False
    return not request.user.is_authenticated


def _segment(path):
    return path.strip("/").split("/", 1)[0]


def page_key(request):
    """Host, scheme, path with its query string and the language, under the generations of the
    part of the site the path belongs to."""
    segment = _segment(request.path)
    if segment and segment in generations.municipality_slugs():
        keys = [generations.GLOBAL, generations.municipal(segment)]
    else:
        keys = [generations.GLOBAL, generations.EVERY]
    tokens = generations.generations(keys)
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}|{translation.get_language()}"
    return PAGE_PREFIX + "-".join(tokens) + ":" + hashlib.sha256(address.encode()).hexdigest()


def _personal(request, response, ask_page=True):
    """Why this answer may not be shared, or "" when it may (`ask_page`: also ask the served
    page's view restrictions, one query, only worth it before storing)."""
    if getattr(request, "is_preview", False):
        return "preview"
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return "csrf"
    if response.cookies:
        return "cookie"
    session = getattr(request, "session", None)
    if session is not None and (session.modified or not session.is_empty()):
        return "session"
    storage = getattr(request, "_messages", None)
    if storage is not None and (storage._queued_messages or storage._loaded_messages):
        return "message"
    if "private" in response.get("Cache-Control", "") or "no-store" in response.get("Cache-Control", ""):
        return "private"
    page = getattr(request, "page_cache_page", None)
    if ask_page and page is not None and page.get_view_restrictions().exists():
        return "members-only"
    return ""


def _shareable(response):
    if response.status_code != 200 or response.streaming or "no-cache" in response.get("Cache-Control", ""):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return vary <= VARY_ALLOWED


def _store(key, response):
    patch_cache_control(response, public=True, max_age=max_age(), s_maxage=max_age())
    response["Last-Modified"] = http_date(time.time())
    set_response_etag(response)
    headers = [(name, value) for name, value in response.items() if name != HEADER]
    cache.set(key, (response.status_code, headers, response.content), timeout())


def _from_store(stored):
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class AnonymousPageCacheMiddleware:
    """After authentication (it asks whether the visitor is signed in) and before everything
    that renders (scopes, second factor, messages), so a hit costs two cache reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_may_use_cache(request):
            response = self.get_response(request)
            self._mark(request, response, "skip")
            return response
        key = page_key(request)
        stored = cache.get(key)
        if stored is not None:
            response = _from_store(stored)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and _shareable(response) and not _personal(request, response):
            _store(key, response)
            response[HEADER] = "miss"
        else:
            self._mark(request, response, "skip")
        return response

    def _mark(self, request, response, state):
        response[HEADER] = state
        if "Cache-Control" in response:
            return
        signed_in = hasattr(request, "user") and request.user.is_authenticated
        if (signed_in or request.method not in ("GET", "HEAD") or request.path.startswith("/admin/")
                or _personal(request, response, ask_page=False)):
            patch_cache_control(response, private=True, no_store=True)


def remember_served_page(page, request, serve_args, serve_kwargs):
    """before_serve_page: the middleware asks the page's view restrictions only when storing."""
    request.page_cache_page = page


def _municipality_of_page(page):
    """The id of the municipality whose subtree holds `page`, or None (a portal page)."""
    from tenants.models import Municipality

    ancestors = [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]
    return Municipality.objects.filter(root_page__path__in=ancestors).values_list("pk", flat=True).first()


def _page_changed(sender, instance, **kwargs):
    owner = _municipality_of_page(instance)
    generations.changed(None if owner is None else [owner])


def _changed_everywhere(sender, **kwargs):
    generations.changed_everywhere()


def purge_front_caches(sender, slugs, **kwargs):
    """After a change commits, ask nginx or the CDN (WAGTAILFRONTENDCACHE) to drop the pages it
    shows on that have one address: the home page, the lists, feeds and the municipality's
    page. Wagtail's frontend_cache app purges a published or unpublished page's own URLs itself.
    Addresses with query strings expire after s-maxage (docs/deployment.md, "Page cache")."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    paths = ["/", "/windows/", "/windows/csv/", "/directory/", "/events/", "/events/ical/", "/events/csv/",
             "/news/", "/feeds/news/rss/", "/feeds/news/atom/"]
    paths += [f"/{slug}/" for slug in slugs or ()]
    purge_urls_from_cache([base + path for path in paths])


def register():
    """Wagtail's page signals and the site-wide rows whose change shows on pages."""
    from django.db.models.signals import post_delete
    from wagtail import hooks
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    hooks.register("before_serve_page", remember_served_page)
    page_published.connect(_page_changed, weak=False, dispatch_uid="tsunagu-page-cache-published")
    page_unpublished.connect(_page_changed, weak=False, dispatch_uid="tsunagu-page-cache-unpublished")
    # A move changes two places (and every URL below it); a deletion removes a subtree.
    post_page_move.connect(_changed_everywhere, weak=False, dispatch_uid="tsunagu-page-cache-moved")

    def deleted(sender, instance, **kwargs):
        if isinstance(instance, Page):
            generations.changed_everywhere()

    post_delete.connect(deleted, weak=False, dispatch_uid="tsunagu-page-cache-page-deleted")
    for model in (PageViewRestriction, CollectionViewRestriction, Site, get_document_model(), get_image_model()):
        generations.watch(model)
    from wagtail.contrib.redirects.models import Redirect

    generations.watch(Redirect)
    generations.pages_changed.connect(purge_front_caches, weak=False, dispatch_uid="tsunagu-page-cache-front")
