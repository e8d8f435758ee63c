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

        from tenants import audit

        from .models import Application, ConsultationRequest, Event, Expert

        audit.register(Event)
        audit.register(Application, municipality="event__municipality", organisation="organisation",
                       title=application_title)
        # The expert bank is Tokyo's: its entries carry the requesting group, no municipality.
        audit.register(ConsultationRequest, municipality=None, organisation="organisation")
        audit.register(Expert, municipality=None)

        # Events belong to a municipality (its coordinators) or to Tokyo (no municipality:
        # metropolitan coordinators only, as access.scope treats Tokyo-wide rows).
        register_permission_policy(Event, MunicipalityScopedPolicy(Event))

        # Public pages show events and their seats left (tenants/page_cache.py). Every seat
        # taken or given back saves its Application in the same transaction.
        from tenants import page_cache

        from .models import Application, Session

        def organiser(event_id):
            return Event._base_manager.filter(pk=event_id).values_list("municipality_id", flat=True).first()

        page_cache.watch(Event, lambda event: event.municipality_id)
        page_cache.watch(Session, lambda session: organiser(session.event_id))
        page_cache.watch(Application, lambda application: organiser(application.event_id))
        register_coordinator_permissions(*[("training", f"{action}_event")
                                           for action in ("add", "change", "delete", "view")])

        # The expert bank is run by the metropolitan coordinators; experts and group editors act
        # on requests through per-object grants (tenants.access), not model permissions.
        register_role_permissions(Role.METRO_COORDINATOR, *[
            ("training", f"{action}_expert") for action in ("add", "change", "delete", "view")])


def application_title(application):
    """The trail names an application by event and number, never by the applicant (bookings are
    purged after their retention period; the trail is not)."""
    from django.utils.translation import gettext

    return gettext("%(event)s: application %(number)s") % {"event": application.event, "number": application.pk}
