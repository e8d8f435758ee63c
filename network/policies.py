"""Who may do what with an organisation's profile in the admin, asked of `tenants.access`.

Metropolitan coordinators hold model permissions (add, publish, delete, …) over every profile.
A partner-group editor holds a django-guardian grant on their own organisation(s) only; it lets
them view, edit (save drafts and submit them to the review workflow) and lock, never publish:
publishing is the review's approval."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from guardian.shortcuts import get_users_with_perms
from wagtail.permission_policies.base import ModelPermissionPolicy

from tenants import access

EDITOR_ACTIONS = frozenset({"change", "view", "lock"})


class OrganisationProfilePolicy(ModelPermissionPolicy):
    def _model_permission(self, user, actions):
        return any(super(OrganisationProfilePolicy, self).user_has_permission(user, a) for a in actions)

    def user_has_permission(self, user, action):
        if access.is_metro_coordinator(user):
            return self._model_permission(user, [action])
        return action in EDITOR_ACTIONS and access.organisations_for(user).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if access.is_metro_coordinator(user):
            allowed = self._model_permission(user, actions)
        else:
            allowed = bool(EDITOR_ACTIONS.intersection(actions))
        return access.organisations_for(user) if allowed else self.model._default_manager.none()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if access.is_metro_coordinator(user):
            return self._model_permission(user, actions)
        return bool(EDITOR_ACTIONS.intersection(actions)) and access.can_edit_organisation(user, instance)

    def users_with_any_permission_for_instance(self, actions, instance):
        metro = self.users_with_any_permission(actions)
        if not EDITOR_ACTIONS.intersection(actions):
            return metro
        editors = get_users_with_perms(instance, only_with_perms_in=["change_organisation"],
                                       with_group_users=True)
        return get_user_model().objects.filter(
            Q(pk__in=metro.values("pk")) | Q(pk__in=editors.values("pk")), is_active=True).distinct()
