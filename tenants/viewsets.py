"""Tenant-safe admin viewsets: the shared base every app uses for municipality-owned models.

Wagtail 8 filters only the index by the permission policy; edit, delete, inspect, history,
usage, copy, revision and workflow views load any object by primary key (wagtail#10746), and
snippet choosers list every object. These bases wrap every view a viewset constructs so that an
object-loading view asks the policy about that object, and the index and choosers list only
what the policy allows."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin.views.generic.models import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.snippets import SnippetViewSet

from . import scoping
from .admin_display import ShownValuesViewSetMixin

VISIBLE_ACTIONS = ("change", "delete", "view")


def actions_for(view_class):
    if issubclass(view_class, DeleteView):
        return ("delete",)
    if issubclass(view_class, EditView):
        return ("change",)
    return VISIBLE_ACTIONS


class ScopedDispatchMixin:
    """Run (and render) the view inside the scope of the municipalities the user acts for, so
    whatever it loads through a tenant-owned model's default manager is narrowed to them
    (tenants/scoping.py): an object of another municipality is not found."""

    def dispatch(self, request, *args, **kwargs):
        with scoping.for_user(request.user):
            return scoping.rendered(super().dispatch(request, *args, **kwargs))


class TenantScopedViewMixin(ScopedDispatchMixin):
    """Re-check the permission policy for the object a view loads, and scope listings."""

    required_instance_actions = VISIBLE_ACTIONS

    def _tenant_policy(self):
        return policy_registry.get_by_type(self.model)

    def _check_instance(self, obj):
        if obj is not None and not self._tenant_policy().user_has_any_permission_for_instance(
            self.request.user, self.required_instance_actions, obj
        ):
            raise PermissionDenied
        return obj

    def get_object(self, *args, **kwargs):
        try:
            obj = super().get_object(*args, **kwargs)
        except Http404:
            # Not in the user's scope: refused, as the policy check below answered before scoping.
            pk = self._requested_pk()
            if pk is not None:
                scoping.refuse_if_outside(self.model, pk=unquote(str(pk)))
            raise
        return self._check_instance(obj)

    def _requested_pk(self):
        for pk in (getattr(self, "pk", None), getattr(self, "object_pk", None),
                   self.kwargs.get(getattr(self, "pk_url_kwarg", "pk"))):
            if pk is not None:
                return pk
        return self.args[0] if self.args else None


class TenantScopedIndexMixin:
    """Index listings show only what the policy allows (also for bulk actions' querysets)."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        allowed = policy_registry.get_by_type(self.model).instances_user_has_any_permission_for(
            self.request.user, VISIBLE_ACTIONS
        )
        return queryset.filter(pk__in=allowed.values("pk"))


class RefuseProtectedDeleteMixin:
    """Deleting an object that other records still point at (a platform member named in a
    referral or an agreed action, an event with applications) is refused with a message and
    changes nothing. Wagtail only knows the references its reference index tracks, and the
    database's PROTECT otherwise surfaces as a 500."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except (ProtectedError, RestrictedError) as error:
            messages.error(self.request, still_referred_message(self.object, error))
            return redirect(self.request.get_full_path())


def still_referred_message(deleted, error):
    """Why a delete was refused: the kinds of record that still refer to what was to go."""
    referring = getattr(error, "protected_objects", None) or error.restricted_objects
    records = sorted({str(obj._meta.verbose_name) for obj in referring})
    return _("“%(object)s” cannot be deleted: other records refer to it (%(records)s). Nothing was deleted.") % {
        "object": deleted, "records": "、".join(records)}


def tenant_scoped(view_class):
    if issubclass(view_class, TenantScopedViewMixin):
        return view_class
    bases = (TenantScopedViewMixin, view_class)
    if issubclass(view_class, IndexView):
        bases = (TenantScopedIndexMixin, *bases)
    if issubclass(view_class, DeleteView):
        bases = (RefuseProtectedDeleteMixin, *bases)
    return type(
        f"TenantScoped{view_class.__name__}",
        bases,
        {"required_instance_actions": actions_for(view_class)},
    )


class TenantChooseMixin(ScopedDispatchMixin):
    def get_object_list(self):
        objects = super().get_object_list()
        allowed = policy_registry.get_by_type(self.model_class).instances_user_has_any_permission_for(
            self.request.user, VISIBLE_ACTIONS
        )
        return objects.filter(pk__in=allowed.values("pk"))


class TenantChooseView(TenantChooseMixin, snippet_chooser.ChooseView):
    pass


class TenantChooseResultsView(TenantChooseMixin, snippet_chooser.ChooseResultsView):
    pass


class TenantChosenView(ScopedDispatchMixin, snippet_chooser.SnippetChosenView):
    def get_object(self, pk):
        obj = super().get_object(pk)
        policy = policy_registry.get_by_type(self.model_class)
        if not policy.user_has_any_permission_for_instance(self.request.user, VISIBLE_ACTIONS, obj):
            raise PermissionDenied
        return obj


class TenantChosenMultipleView(ScopedDispatchMixin, snippet_chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        allowed = policy_registry.get_by_type(self.model_class).instances_user_has_any_permission_for(
            self.request.user, VISIBLE_ACTIONS
        )
        pks = [pk for pk in pks if str(pk).isascii() and str(pk).isdigit()]
        return super().get_objects(pks).filter(pk__in=allowed.values("pk"))


class TenantSnippetChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = TenantChooseView
    choose_results_view_class = TenantChooseResultsView
    chosen_view_class = TenantChosenView
    chosen_multiple_view_class = TenantChosenMultipleView


class TenantViewSetMixin(ShownValuesViewSetMixin):
    def construct_view(self, view_class, **kwargs):
        return super().construct_view(tenant_scoped(view_class), **kwargs)


class TenantModelViewSet(TenantViewSetMixin, ModelViewSet):
    """ModelViewSet for a model with a registered per-object policy (`MunicipalityScopedPolicy`,
    or a policy over django-guardian grants such as network's OrganisationProfilePolicy)."""


class TenantSnippetViewSet(TenantViewSetMixin, SnippetViewSet):
    """SnippetViewSet for a model with a registered per-object policy (see TenantModelViewSet)."""

    chooser_viewset_class = TenantSnippetChooserViewSet
