from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Events and expert bank")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import access_rules

        access_rules.register()  # the rules tenants.access asks about this app's objects

        from wagtail.permissions import register_permission_policy

        from tenants.policies import MunicipalityScopedPolicy
        from tenants.provisioning import register_coordinator_permissions, register_role_permissions
        from tenants.roles import Role

        from .models import Event

        # Events belong to a municipality (its coordinators) or to Tokyo (no municipality:
        # metropolitan coordinators only, as access.scope treats Tokyo-wide rows).
        register_permission_policy(Event, MunicipalityScopedPolicy(Event))
        register_coordinator_permissions(*[("training", f"{action}_event")
                                           for action in ("add", "change", "delete", "view")])

        # The expert bank is run by the metropolitan coordinators; experts and group editors act
        # on requests through per-object grants (tenants.access), not model permissions.
        register_role_permissions(Role.METRO_COORDINATOR, *[
            ("training", f"{action}_expert") for action in ("add", "change", "delete", "view")])
