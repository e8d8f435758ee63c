"""Content-Security-Policy per part of the site (django-csp does the header building).

The public site gets a strict policy: scripts, styles, images and forms from this origin only, no
plugins, no framing. Wagtail 8's admin still writes a few inline scripts (inline panels, date
widgets), so the admin is enforced with inline scripts allowed and everything else as strict, and
the strict policy is sent report-only beside it, so browsers show what still needs inline code."""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

STRICT = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "frame-src": [NONE],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
ADMIN = {
    **STRICT,
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    # Previews of pages and snippets open in a frame of the admin itself.
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}
ADMIN_PREFIX = "/admin/"


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.config = STRICT if report_only else ADMIN
        elif report_only:
            parts = PolicyParts()  # the public policy is enforced, nothing to report separately
        return parts


def client_ip(request):
    """The client's address for login throttling: REMOTE_ADDR, or, behind TSUNAGU_PROXY_COUNT
    trusted reverse proxies, the address the nearest of them saw (the Nth entry from the right of
    X-Forwarded-For). Without this every client would share the proxy's address, and anyone
    could lock any coordinator out."""
    from django.conf import settings

    proxies = getattr(settings, "TSUNAGU_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
