"""One JSON line per request on the logger `tsunagu.requests` (docs/deployment.md, "Logs").

What a line holds is chosen so that it carries no personal data: the path without its query
string (search terms, an email typed into a form sent by GET), the user's id (never the
username, name or email), the municipality the request was scoped to (tenants.scoping), and no
header except a sane X-Request-ID, which is echoed back so a proxy's log and ours can be joined."""

import logging
import re
import time
import uuid

from tenants.scoping import recording_scopes

logger = logging.getLogger("tsunagu.requests")
REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy or load balancer sends (nginx's $request_id, a UUID): anything else is replaced,
# so a client cannot write arbitrary text (or personal data) into our logs through the header.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def request_id_for(request):
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    return offered if SANE_REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex


def user_id_of(request):
    user = getattr(request, "user", None)
    try:
        return user.pk if user is not None and user.is_authenticated else None
    except Exception:  # the session store is down: the request already failed; log it anyway
        return None


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.request_id = request_id_for(request)
        with recording_scopes() as municipality:
            response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request.request_id
        fields = {
            "request_id": request.request_id,
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "user_id": user_id_of(request),
            "municipality": municipality(),
        }
        logger.info("%s %s %s", request.method, request.path, response.status_code, extra={"fields": fields})
        return response
