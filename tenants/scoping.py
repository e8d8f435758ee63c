"""Fail-loud tenant scoping: tenant-owned models refuse a query in request code that opened no scope.

Three states, kept in a ContextVar:
- not in a request (the default): no rule. Management commands, django-q2 tasks, migrations,
  the shell and test setup code query as before;
- in a request, no scope yet (`ScopeMiddleware` puts every request there): a query through the
  default manager of a tenant-owned model raises `ScopeError`;
- in a scope: `scope(municipality_ids)` narrows those managers to the rows of these municipalities
  (`<field>__in=ids`); `everywhere()` lets every municipality's rows through, on purpose
  (metropolitan coordinators, public lists of published data).

Views open the scope where the tenant is known (docs/tenancy.md, "Fail-loud scoping"). The filter
is added when the queryset is made, as in django-scopes; `_base_manager` is never scoped."""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404

_OUTSIDE = "outside a request"
_UNSCOPED = "in a request, no scope"
_EVERYWHERE = "every municipality"
_state = ContextVar("tsunagu_tenant_scope", default=_OUTSIDE)
# The scopes a request opened, for its log line (`recording_scopes`); None when nobody listens.
_opened = ContextVar("tsunagu_scopes_opened", default=None)


class ScopeError(RuntimeError):
    """A tenant-owned model was queried in a request that opened no scope."""


@contextmanager
def _entered(state):
    opened = _opened.get()
    if opened is not None and state not in (_OUTSIDE, _UNSCOPED):
        opened.append(state)
    token = _state.set(state)
    try:
        yield
    finally:
        _state.reset(token)


def scope(municipalities):
    """Only these municipalities' rows (ids or Municipality objects). Also a decorator."""
    return _entered(frozenset(getattr(m, "pk", m) for m in municipalities))


def everywhere():
    """Every municipality's rows, on purpose. Also a decorator."""
    return _entered(_EVERYWHERE)


def request_scope():
    """A request that has opened no scope yet: tenant-owned queries raise (the middleware)."""
    return _entered(_UNSCOPED)


@contextmanager
def recording_scopes():
    """Collect the scopes opened inside (the request log names the municipality a request was
    for). Yields a function answering: None (no scope opened), "all" (every municipality), the
    municipality id of a one-municipality scope, or the sorted ids of a wider one (the last scope
    opened counts)."""
    opened = []
    token = _opened.set(opened)

    def municipality():
        if not opened:
            return None
        last = opened[-1]
        if last == _EVERYWHERE:
            return "all"
        ids = sorted(last)
        return ids[0] if len(ids) == 1 else ids

    try:
        yield municipality
    finally:
        _opened.reset(token)


def for_user(user):
    """The municipalities `tenants.access` lets the user act for, in any municipal role;
    every municipality for metropolitan coordinators (and superusers)."""
    from . import access

    ids = access.municipality_ids_for(user, access.Role.PLATFORM_MEMBER)
    return everywhere() if ids is None else scope(ids)


def refuse_if_outside(model, **lookup):
    """Before answering 404 for `lookup` not found in the scope: a row that exists outside it is
    refused (PermissionDenied), as the access checks answered before scoping."""
    if model._base_manager.filter(**lookup).exists():
        raise PermissionDenied


def get_or_refuse(queryset, **lookup):
    """`get_object_or_404` in the open scope, refusing (not 404) a row outside it."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        refuse_if_outside(queryset.model, **lookup)
        raise Http404(f"No {queryset.model._meta.object_name} matches the given query.") from None


def rendered(response):
    """Render a TemplateResponse while the scope is still open (templates query too)."""
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    return response


def scoped_view(open_scope):
    """Decorate a view so it runs, and renders, inside `open_scope(request, *args, **kwargs)`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            with open_scope(request, *args, **kwargs):
                return rendered(view(request, *args, **kwargs))

        return wrapped

    return decorator


# Staff screens: the municipalities the user acts for; public lists of published data: all.
acting_for_user = scoped_view(lambda request, *args, **kwargs: for_user(request.user))
published_everywhere = scoped_view(lambda request, *args, **kwargs: everywhere())


class ScopeMiddleware:
    """Every request starts with no scope: tenant-owned queries raise until a view opens one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope():
            return self.get_response(request)


class TenantScopedManager(models.Manager):
    """The default manager of a tenant-owned model; see `scoped_manager`."""

    scope_field = "municipality"
    include_null = False

    def get_queryset(self):
        queryset = super().get_queryset()
        state = _state.get()
        if state in (_OUTSIDE, _EVERYWHERE):
            return queryset
        if state == _UNSCOPED:
            raise ScopeError(
                f"{self.model._meta.label} is tenant-owned and this request opened no scope. Wrap the view "
                f"in tenants.scoping.scope(municipality_ids) (or for_user(user), or everywhere() for "
                f"published data across municipalities) before querying it.")
        rows = Q(**{f"{self.scope_field}__in": state})
        if self.include_null:
            rows |= Q(**{f"{self.scope_field}__isnull": True})
        return queryset.filter(rows)


def scoped_manager(base=models.Manager, field="municipality", include_null=False):
    """A default manager keeping `base`'s methods (a Manager or a QuerySet class), scoped on
    `field` (a path such as "platform__municipality"). `include_null`: rows without a
    municipality (Tokyo-wide) are seen in every scope."""
    if isinstance(base, type) and issubclass(base, models.QuerySet):
        base = models.Manager.from_queryset(base)
    attrs = {"scope_field": field, "include_null": include_null, "__module__": __name__}
    return type(f"Scoped{base.__name__}", (TenantScopedManager, base), attrs)()
