from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Support network")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import access_rules

        access_rules.register()  # the rules tenants.access asks about this app's objects
        register_audit()

        from wagtail.permissions import register_permission_policy

        from tenants.policies import MunicipalityScopedPolicy
        from tenants.provisioning import register_coordinator_permissions, register_role_permissions
        from tenants.roles import Role

        from wagtail.signals import published

        from .models import ConsultationWindow, Organisation, PlatformMembership
        from .policies import OrganisationProfilePolicy
        from .profiles.services import mark_confirmed_on_publish

        register_permission_policy(ConsultationWindow, MunicipalityScopedPolicy(ConsultationWindow))
        register_coordinator_permissions(*snippet_permissions("consultationwindow"))
        register_permission_policy(PlatformMembership, MunicipalityScopedPolicy(PlatformMembership))
        register_coordinator_permissions(*[("network", f"{action}_platformmembership")
                                           for action in ("add", "change", "delete", "view")])
        # The directory is kept by the metropolitan coordinators; each partner group's editors
        # edit their own profile through per-object grants (network.policies).
        register_permission_policy(Organisation, OrganisationProfilePolicy(Organisation))
        register_role_permissions(Role.METRO_COORDINATOR, *snippet_permissions("organisation"))
        published.connect(mark_confirmed_on_publish, sender=Organisation,
                          dispatch_uid="network_profile_confirmed_on_publish")

        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed, post_save

        from .cases.services.casereviews import revoke_on_leaving_platform
        from .councils.services import assign_council_workflow_on_save
        from .models import CouncilIndexPage

        m2m_changed.connect(revoke_on_leaving_platform, sender=get_user_model().groups.through,
                            dispatch_uid="network_case_grants_end_with_membership")
        post_save.connect(assign_council_workflow_on_save, sender=CouncilIndexPage,
                          dispatch_uid="network_council_workflow_on_save")

        # Public pages show these rows: a change makes them stale (tenants/page_cache.py).
        from tenants import page_cache

        from .models import ConsultationMethod, OrganisationPhoto, SupportType

        page_cache.watch(ConsultationWindow, lambda window: window.municipality_id)
        page_cache.watch(PlatformMembership, lambda membership: membership.municipality_id)
        for shown_everywhere in (Organisation, OrganisationPhoto, SupportType, ConsultationMethod):
            page_cache.watch(shown_everywhere)


def snippet_permissions(model_name):
    """Model permissions of a snippet with drafts and locking."""
    return [("network", f"{action}_{model_name}")
            for action in ("add", "change", "delete", "view", "publish", "lock", "unlock")]


def register_audit():
    """Where each model's audit entries belong (tenants.audit)."""
    from tenants import audit

    from .models import CaseReview, Consent, ConsultationWindow, EditorInvitation, Organisation, PlatformMembership, Referral

    audit.register(ConsultationWindow)
    audit.register(PlatformMembership, organisation="organisation")
    audit.register(Organisation, municipality="base_municipality", organisation="")
    audit.register(EditorInvitation, municipality="organisation__base_municipality", organisation="organisation")
    audit.register(CaseReview)
    audit.register(Consent, municipality="case__municipality")
    audit.register(Referral, municipality="case__municipality")
