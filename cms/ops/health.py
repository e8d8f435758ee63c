"""GET /healthz and GET /readyz, answered before any other middleware (docs/deployment.md,
"Health"): no session, no CSRF, no tenant scope, no SSL redirect (a load balancer probes the app
server directly over plain HTTP). The Host header is still checked against ALLOWED_HOSTS, so a
load balancer sends one of the site's names."""

from django.http import HttpResponse, JsonResponse

from .readiness import readiness

LIVENESS = "/healthz"
READINESS = "/readyz"


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path not in (LIVENESS, READINESS):
            return self.get_response(request)
        request.get_host()  # DisallowedHost -> 400, as for every other URL
        if request.method not in ("GET", "HEAD"):
            return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
        if request.path == LIVENESS:
            # Liveness: the process answers. It must not depend on the database, or a database
            # outage would make the orchestrator restart every healthy app server.
            return _uncached(HttpResponse("ok", content_type="text/plain; charset=utf-8"))
        answer = readiness()
        return _uncached(JsonResponse(answer, status=200 if answer["status"] == "ok" else 503))


def _uncached(response):
    response["Cache-Control"] = "no-store"
    return response
