"""Wagtail permission policies that ask `tenants.access`.

A model permission (from the user's groups) says *what* a role may do with a kind of object;
`access.scope` says *which* objects: those of the municipalities the user acts for. Wagtail's
own views ask the registered policy, and `tenants.viewsets` makes every per-object view ask it
too (Wagtail 8 filters only the index: wagtail#10746)."""

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import access


class MunicipalityScopedPolicy(ModelPermissionPolicy):
    """Model permission AND the object's municipality is one the user acts for."""

    def __init__(self, model, lookup="municipality", role=access.Role.MUNICIPAL_COORDINATOR):
        super().__init__(model)
        self.lookup = lookup
        self.role = role

    def _allowed_actions(self, user, actions):
        return [a for a in actions if self.user_has_permission(user, a)]

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if not self._allowed_actions(user, actions):
            return queryset.none()
        return access.scope(user, queryset, self.lookup, self.role)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self._allowed_actions(user, actions):
            return False
        municipality = access.municipality_of(instance, self.lookup)
        return access.can_act_for(user, municipality, self.role)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def users_with_any_permission_for_instance(self, actions, instance):
        municipality = access.municipality_of(instance, self.lookup)
        acting = get_user_model().objects.filter(access.users_acting_for(municipality, self.role))
        return self.users_with_any_permission(actions).filter(pk__in=acting.values("pk"))


def register_policies():
    from .models import Municipality

    register_permission_policy(Municipality, MunicipalityScopedPolicy(Municipality, lookup=""))
