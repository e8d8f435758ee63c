from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Municipalities and access")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import policies

        policies.register_policies()
