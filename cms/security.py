"""Content-Security-Policy per part of the site (django-csp does the header building).

The public site gets a strict policy: scripts, styles, images and forms from this origin only, no
plugins, no framing. Wagtail 8's admin still writes a few inline scripts (inline panels, date
widgets), so the admin is enforced with inline scripts allowed and everything else as strict, and
the strict policy is sent report-only beside it, so browsers show what still needs inline code."""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

# The client's address for login throttling and the rate limits (django-axes calls it by this path).
from tenants.throttle import client_ip  # noqa: F401

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
