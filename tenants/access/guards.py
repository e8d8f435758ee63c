"""Role checks in front of views: `require(predicate)` for function views, `RequireMixin` for
class-based ones, and the ready-made guards the apps' views share.

A guarded view raises PermissionDenied for a user the predicate refuses, before the view reads
anything, so a refused user cannot tell a missing object from a forbidden one: exactly what the
hand-written `if not ...: raise PermissionDenied` did. The guarded views sit under /admin/, whose
own check sends signed-out users to sign in first and answers PermissionDenied with a redirect to
the dashboard and its message (a 403 to the admin's scripts); elsewhere Django answers 403."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from ..roles import Role
from .core import has_role, is_metro_coordinator


def require(predicate):
    """Decorate a view (any callable taking the request first) so that it runs only for users
    with `predicate(user)`; everyone else gets PermissionDenied."""

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        guarded.required = predicate
        return guarded

    return decorator


class RequireMixin:
    """For class-based views: `required = predicate` on the class. Checked in setup(), ahead of
    dispatch() and of anything a subclass's own dispatch() reads (Django's View calls setup first)."""

    required = None

    def setup(self, request, *args, **kwargs):
        predicate = type(self).required  # read off the class: a plain function, not a bound method
        if predicate is None:
            raise TypeError(f"{type(self).__name__} needs `required = predicate`.")
        if not predicate(request.user):
            raise PermissionDenied
        super().setup(request, *args, **kwargs)


def is_coordinator(user) -> bool:
    """A coordinator of some municipality, or a metropolitan coordinator."""
    return has_role(user, Role.MUNICIPAL_COORDINATOR)


metro_coordinator_required = require(is_metro_coordinator)
coordinator_required = require(is_coordinator)
