from django.conf import settings
from django.urls import include, path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView, ChosenMultipleView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from cms.feeds import AtomNewsFeed, NewsFeed
from network import invitation_views, meeting_views
from network import views as network_views
from tenants.wagtail_hooks import (only_choosable_ids, refuse_unless_choosable, refuse_unless_editable,
                                   refuse_unless_movable)
from training import views as training_views

_browse = BrowseView.as_view()
_chosen_multiple = ChosenMultipleView.as_view()
_move_confirm = page_viewset_registry.as_view("move_confirm", page_id_kwarg="page_to_move_id")
_confirm_cancellation = page_viewset_registry.as_view("confirm_workflow_cancellation", page_id_kwarg="page_id")


def _no_direct_documents(request, rest):
    from django.http import Http404

    raise Http404


# Wagtail admin views that load a page by id without asking whether the user may see it are
# guarded here, ahead of Wagtail's own URLs (never cached, like the admin's).

@never_cache
@require_admin_access
def guarded_page_chooser_browse(request, parent_page_id):
    # Wagtail shows the parent page's draft title when browsing into it, and the
    # construct_page_chooser_queryset hook only filters its children.
    refuse_unless_choosable(request, parent_page_id)
    return _browse(request, parent_page_id=parent_page_id)


@never_cache
@require_admin_access
def guarded_page_chooser_chosen_multiple(request):
    # Wagtail answers with the admin (draft) title of any page id it is given.
    request.GET = only_choosable_ids(request)
    return _chosen_multiple(request)


@never_cache
@require_admin_access
def guarded_move_confirmation(request, page_to_move_id, destination_id):
    # Wagtail's confirmation shows both pages' draft titles, and its slug check names the
    # page's slug, before any permission check (which it makes only when the move is posted).
    refuse_unless_movable(request, page_to_move_id, destination_id)
    return _move_confirm(request, page_to_move_id=page_to_move_id, destination_id=destination_id)


@never_cache
@require_admin_access
def guarded_workflow_cancellation(request, page_id):
    # Wagtail's modal names the workflow and task of any page id.
    refuse_unless_editable(request, page_id)
    return _confirm_cancellation(request, page_id=page_id)


urlpatterns = [
    path("admin/choose-page/<int:parent_page_id>/", guarded_page_chooser_browse),
    path("admin/choose-page/chosen-multiple/", guarded_page_chooser_chosen_multiple),
    path("admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/", guarded_move_confirmation),
    path("admin/pages/workflow/confirm_cancellation/<int:page_id>/", guarded_workflow_cancellation),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", cms_views.search, name="search"),
    path("feeds/news/rss/", NewsFeed(), name="news_rss"),
    path("feeds/news/atom/", AtomNewsFeed(), name="news_atom"),
    path("feeds/news/<slug:slug>/rss/", NewsFeed(), name="news_rss_municipality"),
    path("feeds/news/<slug:slug>/atom/", AtomNewsFeed(), name="news_atom_municipality"),
    path("windows/", network_views.window_list, name="window_list"),
    path("windows/csv/", network_views.window_csv, name="window_csv"),
    path("directory/", network_views.directory, name="directory"),
    path("directory/<int:pk>/", network_views.organisation_detail, name="organisation_detail"),
    path("invitations/<str:token>/", invitation_views.accept_invitation, name="accept_invitation"),
    path("events/", training_views.event_list, name="event_list"),
    path("events/ical/", training_views.events_ical, name="events_ical"),
    path("events/csv/", training_views.events_csv, name="events_csv"),
    path("events/<int:pk>/", training_views.event_detail, name="event_detail"),
    path("events/<int:pk>/ical/", training_views.events_ical, name="event_ical"),
    path("events/<int:pk>/csv/", training_views.events_csv, name="event_csv"),
    path("events/cancel/<str:token>/", training_views.event_cancel, name="event_cancel"),
    path("meetings/<slug:slug>/ical/", meeting_views.meetings_ical, name="meetings_ical"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Documents are served only through Wagtail's serve view, which applies collection view
    # restrictions (members-only material); their files are never served as plain media.
    urlpatterns += [path("media/documents/<path:rest>", _no_direct_documents)]
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
