"""Admin wiring of the app: the events' viewset, screens and menu items (training.events) and
the expert bank's request screens and experts' profiles (training.expertbank)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from tenants.admin_ui import AccessMenuItem

from . import work
from .events import views_admin as event_admin
from .events.viewsets import EventViewSet
from .expertbank import views_admin as views
from .expertbank.viewsets import ExpertViewSet


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


@hooks.register("register_admin_viewset")
def register_expert_viewset():
    return ExpertViewSet("experts")


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


@hooks.register("register_admin_menu_item")
def register_event_statistics_menu_item():
    return AccessMenuItem(_("Event statistics"), reverse("event_statistics"), event_admin.is_coordinator,
                          icon_name="table", order=245)


@hooks.register("register_admin_menu_item")
def register_group_events_menu_item():
    return AccessMenuItem(_("Exchange meetings and trainings"), reverse("event_list") + "?kind=exchange_meeting",
                          event_admin.edits_a_group, icon_name="group", order=246)

hooks.register("register_work_items", work.items_for)  # the day's work on the admin home (tenants.work_list)
