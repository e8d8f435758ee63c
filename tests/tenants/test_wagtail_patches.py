"""Upgrade canaries for the places where tenant isolation patches over Wagtail's own code.

Tenant isolation rests on permission policies and the viewset wrapper; a few leaks are closed by
replacing a Wagtail method (tenants/bulk_actions.py, history.py, reviews.py, tag_filters.py, wagtail_exports.py) or by
routing one of Wagtail's admin URLs to a guard first (tenants/page_guards.py, cms/urls.py). A
Wagtail upgrade can undo either silently: a renamed method is no longer the one called, a moved
URL is no longer shadowed. These tests fail first, naming what to re-read:

- each replacement is still installed, and the Wagtail code it wraps is still the code that was
  reviewed (its source's fingerprint; after an upgrade, read the new source, check the module
  named still closes the leak and that the behaviour tests beside it pass, then update the
  fingerprint here);
- each shadowed URL, reversed by Wagtail's own name, still lands on the guard."""

import hashlib
import inspect

import pytest
import wagtail
from django.urls import resolve, reverse
from wagtail.admin.filters import BaseMediaFilterSet
from wagtail.admin.views import tags as wagtail_tags
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.chooser import BrowseView, ChosenMultipleView
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.pages.move import MoveConfirmView
from wagtail.admin.views.pages.workflow import ConfirmWorkflowCancellationView
from wagtail.images.views.chooser import ImageChooseViewMixin
from wagtail.models import WorkflowState
from wagtail.models.audit_log import ModelLogEntryManager

from tenants import bulk_actions, history, page_guards, reviews, tag_filters, wagtail_exports


def fingerprint(code):
    return hashlib.sha256(inspect.getsource(code).encode()).hexdigest()[:16]


# (what Wagtail has, the original kept by our module, our replacement, the module that patches it)
REPLACED_METHODS = [
    (BulkAction, "get_actionable_objects", bulk_actions._wagtail_actionable_objects,
     bulk_actions._actionable_objects_only, "tenants/bulk_actions.py"),
    (ModelLogEntryManager, "viewable_by_user", history._wagtail_viewable_by_user,
     history._viewable_objects_only, "tenants/history.py"),
    (WorkflowState, "user_can_cancel", reviews._wagtail_user_can_cancel,
     reviews._municipality_may_withdraw, "tenants/reviews.py"),
    (BaseMediaFilterSet, "__init__", tag_filters._wagtail_filterset_init,
     tag_filters._filterset_init, "tenants/tag_filters.py"),
    (ImageChooseViewMixin, "get_context_data", tag_filters._wagtail_chooser_context,
     tag_filters._chooser_context, "tenants/tag_filters.py"),
    (SpreadsheetExportMixin, "write_csv_row", wagtail_exports._wagtail_write_csv_row,
     wagtail_exports._write_safe_csv_row, "tenants/wagtail_exports.py"),
]

# Wagtail code whose behaviour a patch or a guard depends on, as reviewed (Wagtail 8.0.1).
REVIEWED = {
    "BulkAction.get_actionable_objects": (bulk_actions._wagtail_actionable_objects, "e53e303ee01c4ef0"),
    "ModelLogEntryManager.viewable_by_user": (history._wagtail_viewable_by_user, "975ce3fc7006eea7"),
    "WorkflowState.user_can_cancel": (reviews._wagtail_user_can_cancel, "4d73651fc72c9da7"),
    "BaseMediaFilterSet.__init__": (tag_filters._wagtail_filterset_init, "aa9c1ea0f7aebf0b"),
    "ImageChooseViewMixin.get_context_data": (tag_filters._wagtail_chooser_context, "1f0a2a2bc5339c05"),
    "SpreadsheetExportMixin.write_csv_row": (wagtail_exports._wagtail_write_csv_row, "71a94feb191f6aa7"),
    "chooser.BrowseView": (BrowseView, "675da4b0ec94357c"),
    "chooser.ChosenMultipleView": (ChosenMultipleView, "205ed552f9cb64db"),
    "pages.move.MoveConfirmView": (MoveConfirmView, "143e65cb9d6c0866"),
    "pages.workflow.ConfirmWorkflowCancellationView": (ConfirmWorkflowCancellationView, "2681d424e0c9f377"),
    "tags.autocomplete": (wagtail_tags.autocomplete, "d60e53974c008732"),
}

# Wagtail's URL name and arguments → the guard that must answer it first.
SHADOWED_URLS = [
    ("wagtailadmin_choose_page_child", [3], page_guards.page_chooser_browse),
    ("wagtailadmin_choose_page_chosen_multiple", [], page_guards.page_chooser_chosen_multiple),
    ("wagtailadmin_pages:move_confirm", [3, 4], page_guards.move_confirmation),
    ("wagtailadmin_pages:confirm_workflow_cancellation", [3], page_guards.workflow_cancellation),
    ("wagtailadmin_tag_autocomplete", [], page_guards.tag_autocomplete),
    ("wagtailadmin_tag_model_autocomplete", ["wagtaildocs", "document"], page_guards.tag_autocomplete),
]


def functions_inside(view):
    """Every function a view wraps: through functools.wraps and decorators' closures (Wagtail's
    require_admin_access keeps no __wrapped__)."""
    seen, todo = [], [view]
    while todo:
        func = todo.pop()
        if not callable(func) or any(func is s for s in seen):
            continue
        seen.append(func)
        todo.extend(filter(None, [getattr(func, "__wrapped__", None)]))
        todo.extend(cell.cell_contents for cell in (getattr(func, "__closure__", None) or ())
                    if callable(getattr(cell, "cell_contents", None)))
    return seen


@pytest.mark.parametrize(("owner", "name", "original", "ours", "module"), REPLACED_METHODS,
                         ids=[f"{o.__name__}.{n}" for o, n, *_ in REPLACED_METHODS])
def test_each_replacement_is_installed_over_the_method_wagtail_calls(owner, name, original, ours, module):
    assert getattr(owner, name) is ours, f"{owner.__name__}.{name} is no longer ours: {module} did not run"
    assert original is not ours and original.__module__.startswith("wagtail"), \
        f"{module} kept something other than Wagtail's {owner.__name__}.{name}"


@pytest.mark.parametrize("label", sorted(REVIEWED))
def test_the_wagtail_code_under_each_patch_is_the_code_reviewed(label):
    code, reviewed = REVIEWED[label]
    assert fingerprint(code) == reviewed, (
        f"Wagtail {wagtail.__version__} changed {label} since it was reviewed: read its new source, check "
        "that the patch or guard over it (see this module's tables) still closes the leak and that its "
        f"behaviour tests pass, then set its fingerprint to {fingerprint(code)}")


@pytest.mark.parametrize(("url_name", "args", "guard"), SHADOWED_URLS, ids=[u for u, *_ in SHADOWED_URLS])
def test_each_shadowed_admin_url_reaches_its_guard_first(url_name, args, guard):
    path = reverse(url_name, args=args)
    match = resolve(path)
    assert match.url_name is None, f"{path} resolves to Wagtail's own {match.url_name}: the guard is bypassed"
    assert any(func is guard for func in functions_inside(match.func)), f"{path} does not reach {guard.__name__}"


def test_the_sign_in_page_is_the_rate_limited_one():
    from tenants import throttle

    match = resolve(reverse("wagtailadmin_login"))
    assert match.url_name is None, "admin/login/ resolves to Wagtail's own view: sign-in is not rate limited"
    assert any(func.__code__.co_qualname == "limited.<locals>.decorator.<locals>.wrapped"
               for func in functions_inside(match.func) if hasattr(func, "__code__"))
    assert throttle.limit_for("sign_in")
