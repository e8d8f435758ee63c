"""How long a signed-in session lasts (OWASP ASVS 4.0.3 V3.3.2 at level 2): it ends after
SESSION_IDLE_MINUTES without a request (Django's SESSION_COOKIE_AGE, renewed on every request)
and, however busy, TSUNAGU_SESSION_MAX_HOURS after signing in, so a session left open on a shared
office computer cannot be carried on for days.

The sign-in time is written when the user signs in; a session that predates this module gets
the time of its first request after the upgrade."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in

SIGNED_IN_AT = "tsunagu_signed_in_at"


def remember_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


def connect():
    user_logged_in.connect(remember_sign_in, dispatch_uid="tsunagu-session-signed-in-at")


class SessionLifetimeMiddleware:
    """After AuthenticationMiddleware: a session older than the limit is signed out before the
    view runs, so the admin sends the person to the sign-in page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            started = request.session.get(SIGNED_IN_AT)
            if started is None:
                request.session[SIGNED_IN_AT] = now
            elif now - int(started) > settings.TSUNAGU_SESSION_MAX_HOURS * 3600:
                logout(request)
        return self.get_response(request)
