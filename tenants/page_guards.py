"""Wagtail admin views that load a page by id without asking whether the user may see it,
guarded ahead of Wagtail's own URLs (cms/urls.py routes them; never cached, like the admin's).

- browsing *into* a page in the page chooser shows the parent's admin (draft) title;
- the chooser's chosen-multiple answers with the admin title of any page id it is given;
- the move confirmation shows both pages' draft titles, and its slug check names the page's
  slug, before any permission check (Wagtail checks only when the move is posted);
- the workflow-cancellation modal names the workflow and task of any page;
- (not a page view) the tag autocomplete suggests every tag of the site: it answers here with
  the tags of objects the user may see (tenants.access.tags)."""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView, ChosenMultipleView
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.admin.views.tags import autocomplete as _wagtail_tag_autocomplete
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page

from . import access
from .access.tags import visible_tags

# Each guard answers one of Wagtail's URLs first (cms/urls.py) and then calls Wagtail's view:
# wagtail.admin.views.chooser.BrowseView and ChosenMultipleView, pages.move.MoveConfirmView,
# pages.workflow.ConfirmWorkflowCancellationView, tags.autocomplete (upgrade canary, which
# fails when a URL no longer reaches its guard or Wagtail's view changes:
# tests/tenants/test_wagtail_patches.py).
_browse = BrowseView.as_view()
_chosen_multiple = ChosenMultipleView.as_view()
_move_confirm = page_viewset_registry.as_view("move_confirm", page_id_kwarg="page_to_move_id")
_confirm_cancellation = page_viewset_registry.as_view("confirm_workflow_cancellation", page_id_kwarg="page_id")


def guarded(view):
    return never_cache(require_admin_access(view))


@guarded
def page_chooser_browse(request, parent_page_id):
    if not access.choosable_pages(request.user, Page.objects.filter(pk=parent_page_id)).exists():
        raise PermissionDenied
    return _browse(request, parent_page_id=parent_page_id)


@guarded
def page_chooser_chosen_multiple(request):
    query = request.GET.copy()
    ids = [i for i in query.getlist("id") if i.isascii() and i.isdigit()]
    choosable = access.choosable_pages(request.user, Page.objects.filter(pk__in=ids)).values_list("pk", flat=True)
    query.setlist("id", [str(pk) for pk in choosable])
    request.GET = query
    return _chosen_multiple(request)


@guarded
def move_confirmation(request, page_to_move_id, destination_id):
    page = get_object_or_404(Page, pk=page_to_move_id)
    destination = get_object_or_404(Page, pk=destination_id)
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
    return _move_confirm(request, page_to_move_id=page_to_move_id, destination_id=destination_id)


@guarded
def workflow_cancellation(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return _confirm_cancellation(request, page_id=page_id)


@guarded
def tag_autocomplete(request, app_name=None, model_name=None):
    """Replaces wagtail.admin.views.tags.autocomplete (wagtailadmin_tag_autocomplete and
    wagtailadmin_tag_model_autocomplete): the same answer, drawn from the visible tags only."""
    response = _wagtail_tag_autocomplete(request, app_name, model_name)  # its 404s for a bad model
    term = request.GET.get("term")
    if not term:
        return response
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import Tag

    tag_model = ContentType.objects.get_by_natural_key(app_name, model_name).model_class() if app_name else Tag
    names = (visible_tags(request.user, tag_model).filter(name__istartswith=term)
             .order_by("name").values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT])
    return JsonResponse(list(names), safe=False)
