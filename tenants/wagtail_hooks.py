"""Admin wiring for tenancy: the Municipality viewset and the page-level guards."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.html import format_html
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.panels import FieldPanel

from . import access, audit, second_factor, work_list
from .models import Municipality
from wagtail.snippets.models import register_snippet

from .viewsets import TenantSnippetViewSet


class MunicipalityViewSet(TenantSnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = gettext_lazy("Municipalities")
    menu_order = 900
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["code", "name", "name_kana", "kind", "area"]
    list_filter = ["area", "kind"]
    search_fields = ["name", "name_kana", "name_en", "code"]
    inspect_view_fields = ["code", "name", "name_kana", "name_en", "slug", "kind", "area"]
    copy_view_enabled = False
    panels = [FieldPanel("name"), FieldPanel("name_kana"), FieldPanel("name_en")]


register_snippet(MunicipalityViewSet)


@hooks.register("construct_page_chooser_queryset")
def hide_other_tenants_drafts_in_page_chooser(pages, request):
    return access.choosable_pages(request.user, pages)


def _refuse_for_municipal_root(request, page, message):
    if Municipality.objects.filter(root_page_id=page.pk).exists():
        messages.error(request, message)
        return redirect("wagtailadmin_explore", page.get_parent().pk if page.depth > 1 else page.pk)
    return None


@hooks.register("before_delete_page")
def keep_municipal_roots_on_delete(request, page):
    return _refuse_for_municipal_root(
        request, page, _("A municipality's top page cannot be deleted: it holds the municipal space."))


@hooks.register("before_move_page")
def keep_municipal_roots_on_move(request, page, destination):
    return _refuse_for_municipal_root(
        request, page, _("A municipality's top page cannot be moved: it holds the municipal space."))


@hooks.register("before_bulk_action")
def keep_images_out_of_members_only_collections(request, action_type, objects, action):
    """The bulk "add to collection" of images bypasses the image form's check."""
    from django.core.exceptions import ValidationError
    from wagtail.images import get_image_model

    from .uploads import refuse_members_only_images

    if action_type != "add_to_collection" or action.model is not get_image_model():
        return None
    try:
        refuse_members_only_images(action.cleaned_form.cleaned_data.get("collection"))
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(action.next_url if action.next_url != request.path else "wagtailimages:index")
    return None


@hooks.register("before_bulk_action", order=-1)
def refuse_protected_bulk_delete(request, action_type, objects, action):
    """Bulk delete of snippets and models that other records still refer to: a message, not a
    500 (see viewsets.RefuseProtectedDeleteMixin for the single delete)."""
    from django.db import router
    from django.db.models import ProtectedError, RestrictedError
    from django.db.models.deletion import Collector
    from wagtail.models import Page

    from .viewsets import still_referred_message

    if action_type != "delete" or not objects or issubclass(action.model, Page):
        return None
    try:
        Collector(using=router.db_for_write(action.model)).collect(list(objects))
    except (ProtectedError, RestrictedError) as error:
        named = "、".join(str(obj) for obj in objects[:3]) + ("…" if len(objects) > 3 else "")
        messages.error(request, still_referred_message(named, error))
        return redirect(action.next_url if action.next_url != request.path else "wagtailadmin_home")
    return None


@hooks.register("construct_admin_api", order=100)
def scope_admin_api_media(router):
    from .admin_api import scope_media_endpoints

    scope_media_endpoints(router)


@hooks.register("before_unpublish_page")
def keep_municipal_roots_published(request, page):
    return _refuse_for_municipal_root(
        request, page, _("A municipality's top page cannot be unpublished: it holds the municipal space."))


def _refuse_signed_in_outsider(restrictions, request):
    """Wagtail answers a group restriction with the login page even to someone already signed
    in (another municipality's member, a partner-group editor), which reads as a broken login.
    They get a plain 403 saying the material is for the municipality's members."""
    from django.template.response import TemplateResponse
    from django.utils.cache import add_never_cache_headers
    from wagtail.models import BaseViewRestriction

    if not request.user.is_authenticated:
        return None
    if restrictions and not second_factor.session_passed(request):
        # Members-only material needs the same second factor as the admin.
        return second_factor.ask_for_second_factor(request)
    for restriction in restrictions:
        if restriction.restriction_type == BaseViewRestriction.GROUPS and not restriction.accept_request(request):
            response = TemplateResponse(request, "members_only_refused.html", status=403)
            add_never_cache_headers(response)
            return response
    return None


@hooks.register("before_serve_page", order=-1)
def refuse_page_to_signed_in_outsider(page, request, serve_args, serve_kwargs):
    if not request.user.is_authenticated:
        return None  # get_view_restrictions() reads the page's ancestors: not for anonymous visitors
    return _refuse_signed_in_outsider(page.get_view_restrictions(), request)


@hooks.register("before_serve_document", order=-1)
def refuse_document_to_signed_in_outsider(document, request):
    return _refuse_signed_in_outsider(document.collection.get_view_restrictions(), request)


@hooks.register("register_admin_urls")
def register_second_factor_urls():
    from django.urls import path

    from . import second_factor_views as views

    return [
        path("2fa/setup/", views.setup, name="second_factor_setup"),
        path("2fa/verify/", views.verify, name="second_factor_verify"),
        path("2fa/recovery-codes/", views.new_recovery_codes, name="second_factor_recovery_codes"),
        path("2fa/enrol/<str:token>/", views.enrol, name="second_factor_enrol"),
        path("2fa/replace/", views.replace, name="second_factor_replace"),
        path("2fa/remove/", views.remove, name="second_factor_remove"),
        path("2fa/enrolment-links/", views.issue_links, name="second_factor_issue_links"),
    ]


@hooks.register("register_settings_menu_item")
def second_factor_links_menu_item():
    from django.urls import reverse

    from .admin_ui import AccessMenuItem

    return AccessMenuItem(gettext_lazy("Two-factor enrolment links"), reverse("second_factor_issue_links"),
                          access.may_issue_enrolment_links, icon_name="key", order=610)


@hooks.register("register_log_actions")
def register_second_factor_log_actions(actions):
    # Second-factor changes are logged on the user they concern, in the audit trail
    # (tenants/audit.py registers the user model there with the user's municipality).
    from .second_factor_services import ENROLLED, ISSUED, LOG_ACTIONS, RECOVERY_CODES, REMOVED, REPLACED

    for change, label, message in (
        (ISSUED, gettext_lazy("Issue enrolment link"), gettext_lazy("Two-factor enrolment link issued")),
        (ENROLLED, gettext_lazy("Register authenticator"), gettext_lazy("Authenticator registered")),
        (REPLACED, gettext_lazy("Replace authenticator"), gettext_lazy("Authenticator replaced")),
        (REMOVED, gettext_lazy("Remove two-factor sign-in"), gettext_lazy("Two-factor sign-in removed")),
        (RECOVERY_CODES, gettext_lazy("Issue recovery codes"), gettext_lazy("New recovery codes issued")),
    ):
        actions.register_action(LOG_ACTIONS[change], label, message)


@hooks.register("register_account_menu_item")
def second_factor_account_item(request):
    from django.urls import reverse

    return {"url": reverse("second_factor_setup"), "label": gettext_lazy("Two-factor sign-in"),
            "help_text": gettext_lazy("Replace your authenticator or issue new recovery codes.")}


@hooks.register("insert_global_admin_js")
def keep_typed_dates():
    return format_html('<script src="{}"></script>', versioned_static("tenants/js/date_entry.js"))


hooks.register("register_log_actions", audit.register_actions)


# Wagtail's own help links open its English release notes and editor guide on wagtail.org; its
# page-types report lists code names (cms.homepage), which only a developer reads.
ENGINE_HELP_ITEMS = ("whats-new-in-wagtail-", "editor-guide")
DEVELOPER_REPORTS = ("page-types-usage",)


@hooks.register("construct_help_menu")
def keep_help_menu_japanese(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(ENGINE_HELP_ITEMS)]


@hooks.register("construct_reports_menu")
def keep_developer_reports_out_of_the_menu(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name not in DEVELOPER_REPORTS]


hooks.register("construct_homepage_panels", work_list.add_work_list_panel)
hooks.register("construct_homepage_summary_items", work_list.hide_site_summary, order=1000)  # after Wagtail adds its own
