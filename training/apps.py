from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Events and expert bank")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from tenants.provisioning import register_role_permissions
        from tenants.roles import Role

        # The expert bank is run by the metropolitan coordinators; experts and group editors act
        # on requests through per-object grants (tenants.access), not model permissions.
        register_role_permissions(Role.METRO_COORDINATOR, *[
            ("training", f"{action}_expert") for action in ("add", "change", "delete", "view")])
