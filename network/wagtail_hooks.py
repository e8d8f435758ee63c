"""Admin wiring of the support network: the viewsets, admin URLs, menu items and hooks of its
subpackages (windows, profiles, platforms, cases). The code lives in those subpackages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from tenants import access
from tenants.admin_ui import AccessMenuItem

from . import work
from .platforms.viewsets import PlatformMembershipViewSet
from .profiles import views_admin as profiles_admin
from .profiles.viewsets import OrganisationViewSet
from .windows import views_admin as windows_admin
from .windows.viewsets import ConsultationWindowViewSet

register_snippet(ConsultationWindowViewSet)
register_snippet(OrganisationViewSet)


@hooks.register("register_admin_urls")
def register_profile_urls():
    return [
        path("organisations/<int:pk>/editors/", profiles_admin.organisation_editors,
             name="network_organisation_editors"),
        path("organisations/<int:pk>/confirm/", profiles_admin.confirm_organisation_profile,
             name="network_confirm_profile"),
    ]


hooks.register("register_snippet_listing_buttons", profiles_admin.organisation_listing_buttons)
hooks.register("construct_homepage_panels", profiles_admin.add_my_organisations_panel)


@hooks.register("register_log_actions")
def register_profile_log_actions(actions):
    actions.register_action("tsunagu.editor_granted", _("Grant editor"), _("Editor granted"))
    actions.register_action("tsunagu.editor_revoked", _("Remove editor"), _("Editor removed"))
    actions.register_action("tsunagu.profile_confirmed", _("Confirm profile"), _("Profile confirmed as correct"))


@hooks.register("register_admin_viewset")
def register_platform_membership_viewset():
    return PlatformMembershipViewSet("platform_members")


@hooks.register("register_admin_urls")
def register_window_import_url():
    return [path("windows/import/", windows_admin.import_windows, name="network_window_import")]


@hooks.register("register_admin_menu_item")
def register_window_import_menu_item():
    return AccessMenuItem(_("Import consultation windows"), reverse("network_window_import"),
                          access.is_metro_coordinator, icon_name="upload", order=205)


@hooks.register("register_admin_urls")
def register_case_urls():
    from .cases.views_admin import casereviews, consents, referrals

    return [
        path("cases/", casereviews.case_list, name="case_list"),
        path("cases/new/", casereviews.case_new, name="case_new"),
        path("cases/log/", casereviews.access_log, name="case_access_log"),
        path("cases/<int:pk>/", casereviews.case_detail, name="case_detail"),
        path("cases/<int:pk>/edit/", casereviews.case_edit, name="case_edit"),
        path("cases/<int:pk>/export/", casereviews.case_export, name="case_export"),
        path("cases/<int:pk>/participants/", casereviews.case_participants, name="case_participants"),
        path("cases/<int:pk>/actions/", casereviews.case_action, name="case_action"),
        path("cases/<int:pk>/close/", casereviews.case_close, name="case_close"),
        path("cases/<int:pk>/consents/new/", consents.consent_new, name="consent_new"),
        path("cases/<int:pk>/consents/<int:consent_id>/scan/", consents.consent_scan, name="consent_scan"),
        path("cases/<int:pk>/consents/<int:consent_id>/withdraw/", consents.consent_withdraw, name="consent_withdraw"),
        path("cases/<int:pk>/referrals/new/", referrals.referral_new, name="referral_new"),
        path("referrals/<int:pk>/", referrals.referral_detail, name="referral_detail"),
    ]


@hooks.register("register_admin_menu_item")
def register_case_menu_item():
    return AccessMenuItem(_("Case reviews"), reverse("case_list"), access.may_use_cases, icon_name="lock", order=216)

hooks.register("register_work_items", work.items_for)  # the day's work on the admin home (tenants.work_list)
