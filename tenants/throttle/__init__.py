"""Rate limits on the public forms, shared by every app server.

Counters live in the Django cache (Redis, or the database cache table: cms/settings/shared_state.py),
never in one process's memory, so a script spreading its requests over several app servers is
counted once. django-ratelimit keeps the counters (fixed windows), per client address (behind
TSUNAGU_PROXY_COUNT trusted proxies, the address the nearest proxy saw) and per session.

Three levels per group of views: below the soft limit nothing changes; above it the form asks for
a solved proof-of-work challenge (ALTCHA: tenants/throttle/challenge.py), which a person completes
with one labelled checkbox and a script pays for in CPU; above the hard limit the request gets a
Japanese 429 page that says whom to call."""

import dataclasses
import enum
import logging
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

logger = logging.getLogger("tsunagu.throttle")


class Level(enum.IntEnum):
    FREE = 0
    CHALLENGE = 1
    REFUSED = 2


@dataclasses.dataclass(frozen=True)
class Limit:
    """Requests per `window` seconds: above `soft` a challenge (None: never), above `hard` a 429."""

    soft: int | None
    hard: int
    window: int


# A family applies for one or two events, maybe corrects a form twice; an office behind one
# address a few more. Scripts are well above these. TSUNAGU_RATE_LIMITS overrides any of them.
LIMITS = {
    "event_apply": Limit(soft=5, hard=20, window=3600),
    "event_cancel": Limit(soft=5, hard=20, window=3600),
    "invitation": Limit(soft=10, hard=30, window=3600),
    "search": Limit(soft=None, hard=120, window=600),
    # Wrong passwords are django-axes' job (lock-out per user name and address); this only caps
    # the volume of sign-in posts from one address, far above what axes lets a person try.
    "sign_in": Limit(soft=None, hard=60, window=600),
}


def client_ip(request):
    """The client's address: REMOTE_ADDR, or, behind TSUNAGU_PROXY_COUNT trusted reverse proxies,
    the address the nearest of them saw (the Nth entry from the right of X-Forwarded-For).
    Without this every client would share the proxy's address (and anyone could lock any
    coordinator out, or use up everybody's rate limit)."""
    proxies = getattr(settings, "TSUNAGU_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def limit_for(group):
    """The group's limit: a Limit, or [soft, hard, window] from the environment, else the default."""
    value = getattr(settings, "TSUNAGU_RATE_LIMITS", {}).get(group)
    if isinstance(value, (list, tuple)):
        return Limit(*value)
    return value or LIMITS[group]


def _session_key(_group, request):
    return "session:" + request.session.session_key


def _keys(request):
    # "ip" goes through RATELIMIT_IP_META_KEY (client_ip above). A request without a session
    # (a script that drops cookies) is counted by its address alone.
    session = getattr(request, "session", None)
    return ["ip", _session_key] if session is not None and session.session_key else ["ip"]


def level(request, group, count=True):
    """The level of this request (count=True: it is counted) or of the next one (a form shown
    now, to be posted next)."""
    limit = limit_for(group)
    worst = Level.FREE
    for key in _keys(request):
        usage = get_usage(request, group=f"tsunagu.{group}", key=key, rate=f"{limit.hard}/{limit.window}s",
                          method=ALL, increment=count)
        if usage is None:  # RATELIMIT_ENABLE = False
            continue
        requests = usage["count"] + (0 if count else 1)
        if requests > limit.hard:
            worst = max(worst, Level.REFUSED)
        elif limit.soft is not None and requests > limit.soft:
            worst = max(worst, Level.CHALLENGE)
    return worst


def refused(request, group):
    logger.warning("rate limit refused", extra={"group": group, "path": request.path})
    response = render(request, "throttle/refused.html", {
        "phone": settings.TSUNAGU_SUPPORT_PHONE, "minutes": max(1, limit_for(group).window // 60)}, status=429)
    response["Retry-After"] = str(limit_for(group).window)
    return response


def keyword_given(request):
    """Searches count only when they search (a keyword); browsing a list does not."""
    return bool(request.GET.get("q", "").strip())


def limited(group, methods=("POST",), when=None):
    """Count the view's `methods` requests in `group` (those for which `when(request)` holds,
    if given); set request.throttle (a Level) for the view to ask for a challenge; answer 429
    above the hard limit (also to a form page whose next post would be refused)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if when is not None and not when(request):
                request.throttle = Level.FREE
                return view(request, *args, **kwargs)
            request.throttle = level(request, group, count=request.method in methods)
            if request.throttle is Level.REFUSED:
                return refused(request, group)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def challenged(request):
    return getattr(request, "throttle", Level.FREE) >= Level.CHALLENGE
