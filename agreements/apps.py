from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Partner agreements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from network.partners import register_partner_condition
        from tenants.provisioning import register_role_permissions
        from tenants.roles import Role

        from wagtail.permissions import register_permission_policy

        from tenants.policies import MunicipalityScopedPolicy
        from tenants.provisioning import register_coordinator_permissions

        from tenants import audit

        from .models import Agreement, Prospect, SiteVisit, active_q

        audit.register(Prospect, municipality="referred_by", organisation="organisation")
        audit.register(SiteVisit, municipality="prospect__referred_by", organisation="prospect__organisation")
        # Agreements are Tokyo's (the metropolitan coordinators sign them): no municipality.
        audit.register(Agreement, municipality=None, organisation="organisation")

        # A partner (連携団体) is an organisation with an agreement in force: never a flag.
        register_partner_condition(lambda today: active_q(today, prefix="agreements__"))

        # The partner badge shows wherever the organisation does (tenants/page_cache.py).
        from tenants import page_cache

        from .models import Agreement

        page_cache.watch(Agreement)
        register_role_permissions(Role.METRO_COORDINATOR, *[
            ("agreements", f"{action}_{model}") for action in ("add", "change", "delete", "view")
            for model in ("agreement", "prospect", "sitevisit")])
        # Municipal coordinators propose candidates and follow their own municipality's proposals.
        register_permission_policy(Prospect, MunicipalityScopedPolicy(Prospect, lookup="referred_by"))
        register_coordinator_permissions(("agreements", "add_prospect"), ("agreements", "view_prospect"))
