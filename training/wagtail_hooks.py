"""Admin wiring of the expert bank: the requests' screens and the experts' profiles."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from tenants import access
from tenants.admin_ui import AccessMenuItem
from tenants.forms import MunicipalityOwnedForm
from tenants.viewsets import TenantModelViewSet

from . import consultation_views as views
from . import event_admin
from .models import Event, Expert


@hooks.register("register_admin_urls")
def register_consultation_urls():
    return [
        path("consultations/", views.consultation_list, name="consultation_list"),
        path("consultations/new/", views.consultation_new, name="consultation_new"),
        path("consultations/dashboard/", views.consultation_dashboard, name="consultation_dashboard"),
        path("consultations/<int:pk>/", views.consultation_detail, name="consultation_detail"),
        path("consultations/<int:pk>/files/<int:file_id>/", views.consultation_file, name="consultation_file"),
    ]


@hooks.register("register_admin_menu_item")
def register_consultation_menu_item():
    return AccessMenuItem(_("Expert consultations"), reverse("consultation_list"), views.may_use_bank,
                          icon_name="help", order=230)


class ExpertViewSet(ModelViewSet):
    """The expert bank's members, kept by the metropolitan coordinators."""

    model = Expert
    icon = "user"
    menu_label = _("Expert bank")
    menu_order = 235
    add_to_admin_menu = True
    list_display = ["__str__", "legal", "medical", "management", "monthly_maximum", "active"]
    list_filter = ["legal", "medical", "management", "active"]
    search_fields = ["qualification", "user__last_name", "user__first_name"]
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_handler = ObjectList([
        FieldPanel("user"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("legal"), FieldPanel("medical"), FieldPanel("management")])],
                        heading=pgettext_lazy("expert bank", "Fields")),
        FieldPanel("qualification"),
        FieldPanel("bio"),
        FieldPanel("availability"),
        FieldRowPanel([FieldPanel("monthly_maximum"), FieldPanel("active")]),
    ])


@hooks.register("register_admin_viewset")
def register_expert_viewset():
    return ExpertViewSet("experts")


class EventIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        return [Button(_("Sessions and applications"), reverse("event_manage", args=[instance.pk]),
                       icon_name="list-ul", priority=5), *super().get_list_more_buttons(instance)]


class EventViewSet(TenantModelViewSet):
    """Events of the Support Net (no municipality: metropolitan coordinators) or of one
    municipality (its coordinators); sessions and applications are managed on the event's page."""

    model = Event
    index_view_class = EventIndexView
    icon = "date"
    menu_label = _("Events")
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["title", "kind", "municipality", "deadline", "published"]
    list_filter = ["kind", "published"]
    search_fields = ["title", "venue"]
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList([
        FieldRowPanel([FieldPanel("kind"), FieldPanel("audience")]),
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_kana")]),
        FieldPanel("municipality"),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("address")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("deadline"), FieldPanel("waiting_list")]),
        FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
        FieldRowPanel([FieldPanel("application_method"), FieldPanel("contact_phone")]),
        FieldPanel("published"),
    ], base_form_class=MunicipalityOwnedForm)


@hooks.register("register_admin_viewset")
def register_event_viewset():
    return EventViewSet("events")


@hooks.register("register_admin_urls")
def register_event_urls():
    return [
        path("event-admin/<int:pk>/", event_admin.manage_event, name="event_manage"),
        path("event-admin/<int:pk>/group-booking/", event_admin.book_for_group, name="event_group_booking"),
        path("event-admin/statistics/", event_admin.statistics, name="event_statistics"),
    ]


def _is_coordinator(user):
    return access.has_role(user, access.Role.MUNICIPAL_COORDINATOR)


def _edits_a_group(user):
    return not access.is_metro_coordinator(user) and access.organisations_for(user).exists()


@hooks.register("register_admin_menu_item")
def register_event_statistics_menu_item():
    return AccessMenuItem(_("Event statistics"), reverse("event_statistics"), _is_coordinator,
                          icon_name="table", order=245)


@hooks.register("register_admin_menu_item")
def register_group_events_menu_item():
    return AccessMenuItem(_("Exchange meetings and trainings"), reverse("event_list") + "?kind=exchange_meeting",
                          _edits_a_group, icon_name="group", order=246)
