from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LoginView
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from cms import views as cms_views
from cms.feeds import AtomNewsFeed, NewsFeed
from network.councils import views as council_views
from network.directory import views as directory_views
from network.profiles import views as profile_views
from network.windows import views as window_views
from tenants import input_guard, page_guards, scoping, throttle
from training.events import views as training_views


def _no_direct_documents(request, rest):
    from django.http import Http404

    raise Http404


# The admin runs in the scope of the municipalities the user acts for (tenants/scoping.py); a
# view that needs another (published data across municipalities) opens its own inside.
decorate_urlpatterns(wagtailadmin_urls.urlpatterns, scoping.acting_for_user)

# Django's refusals (too many fields, a bad Host) get the Japanese page, not "Bad Request (400)".
handler400 = input_guard.bad_request

urlpatterns = [
    # Wagtail's sign-in page, with a cap on posts per address (tenants/throttle) before django-axes
    # counts wrong passwords; reversing "wagtailadmin_login" still gives this path.
    path("admin/login/", throttle.limited("sign_in")(scoping.acting_for_user(LoginView.as_view()))),
    # Page views Wagtail serves for any page id, guarded first (tenants/page_guards.py).
    path("admin/choose-page/<int:parent_page_id>/", page_guards.page_chooser_browse),
    path("admin/choose-page/chosen-multiple/", page_guards.page_chooser_chosen_multiple),
    path("admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/", page_guards.move_confirmation),
    path("admin/pages/workflow/confirm_cancellation/<int:page_id>/", page_guards.workflow_cancellation),
    # Tags of objects the user may see only (replaces wagtail.admin.views.tags.autocomplete).
    path("admin/tag-autocomplete/", scoping.acting_for_user(page_guards.tag_autocomplete)),
    path("admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/",
         scoping.acting_for_user(page_guards.tag_autocomplete)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", cms_views.search, name="search"),
    path("feeds/news/rss/", NewsFeed(), name="news_rss"),
    path("feeds/news/atom/", AtomNewsFeed(), name="news_atom"),
    path("feeds/news/<slug:slug>/rss/", NewsFeed(), name="news_rss_municipality"),
    path("feeds/news/<slug:slug>/atom/", AtomNewsFeed(), name="news_atom_municipality"),
    path("windows/", window_views.window_list, name="window_list"),
    path("windows/csv/", window_views.window_csv, name="window_csv"),
    path("directory/", directory_views.directory, name="directory"),
    path("directory/<int:pk>/", directory_views.organisation_detail, name="organisation_detail"),
    path("invitations/<str:token>/", profile_views.accept_invitation, name="accept_invitation"),
    path("events/", training_views.event_list, name="event_list"),
    path("events/ical/", training_views.events_ical, name="events_ical"),
    path("events/csv/", training_views.events_csv, name="events_csv"),
    path("events/<int:pk>/", training_views.event_detail, name="event_detail"),
    path("events/<int:pk>/ical/", training_views.events_ical, name="event_ical"),
    path("events/<int:pk>/csv/", training_views.events_csv, name="event_csv"),
    path("events/cancel/<str:token>/", training_views.event_cancel, name="event_cancel"),
    path("meetings/ical/", council_views.tokyo_meetings_ical, name="tokyo_meetings_ical"),
    path("meetings/<slug:slug>/ical/", council_views.meetings_ical, name="meetings_ical"),
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
