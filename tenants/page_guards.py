"""Wagtail admin views that load a page by id without asking whether the user may see it,
guarded ahead of Wagtail's own URLs (cms/urls.py routes them; never cached, like the admin's).

- browsing *into* a page in the page chooser shows the parent's admin (draft) title;
- the chooser's chosen-multiple answers with the admin title of any page id it is given;
- the move confirmation shows both pages' draft titles, and its slug check names the page's
  slug, before any permission check (Wagtail checks only when the move is posted);
- the workflow-cancellation modal names the workflow and task of any page."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView, ChosenMultipleView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page

from . import access

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
