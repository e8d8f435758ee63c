from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Support network")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from tenants.policies import MunicipalityScopedPolicy
        from tenants.provisioning import register_coordinator_permissions

        from .models import ConsultationWindow

        register_permission_policy(ConsultationWindow, MunicipalityScopedPolicy(ConsultationWindow))
        register_coordinator_permissions(
            ("network", "add_consultationwindow"), ("network", "change_consultationwindow"),
            ("network", "delete_consultationwindow"), ("network", "view_consultationwindow"),
            ("network", "publish_consultationwindow"), ("network", "lock_consultationwindow"),
            ("network", "unlock_consultationwindow"),
        )
