"""Wires agreements into the admin: snippet viewsets, URLs, log actions, the dashboard's menu
item and the renew/terminate listing buttons. The code lives in viewsets.py and views_admin.py."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from tenants import access
from tenants.admin_ui import AccessMenuItem

from . import work
from . import views_admin as views
from .viewsets import AgreementViewSet, ProspectViewSet, SiteVisitViewSet

register_snippet(AgreementViewSet)
register_snippet(ProspectViewSet)
register_snippet(SiteVisitViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("agreements/<int:pk>/document/", views.agreement_document, name="agreement_document"),
        path("agreements/<int:pk>/renew/", views.renew_agreement, name="agreement_renew"),
        path("agreements/<int:pk>/terminate/", views.terminate_agreement, name="agreement_terminate"),
        path("pipeline/", views.pipeline_dashboard, name="agreements_dashboard"),
        path("pipeline/csv/", views.pipeline_csv, name="agreements_pipeline_csv"),
        path("pipeline/<int:pk>/stage/", views.change_prospect_stage, name="agreements_prospect_stage"),
        path("pipeline/files/<int:pk>/", views.prospect_file, name="agreements_prospect_file"),
    ]


@hooks.register("register_log_actions")
def register_agreement_log_actions(actions):
    actions.register_action("tsunagu.agreement.renew", _("Renew agreement"), _("Agreement renewed"))
    actions.register_action("tsunagu.agreement.terminate", _("Terminate agreement"), _("Agreement terminated"))


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return AccessMenuItem(_("Pipeline dashboard"), reverse("agreements_dashboard"), access.is_metro_coordinator,
                          icon_name="table", order=214)


hooks.register("register_snippet_listing_buttons", views.agreement_action_buttons)

hooks.register("register_work_items", work.items_for)  # the day's work on the admin home (tenants.work_list)
