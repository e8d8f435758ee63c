"""Public views of councils and meetings besides the pages themselves: the iCal feed of a
municipality's public meetings of the past year and to come, and of the Support Net's own
(Tokyo-wide) meetings."""

import datetime

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from wagtail.models import Site

from tenants.models import Municipality

from ..models import CouncilIndexPage, MeetingPage
from .export import ical

FEED_PAST_DAYS = 365


def meetings_ical(request, slug):
    municipality = get_object_or_404(Municipality.objects.exclude(root_page=None), slug=slug)
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    meetings = MeetingPage.objects.live().public().in_municipality(municipality).starting_since(since)
    return _calendar(municipality.name, meetings, request)


def tokyo_meetings_ical(request):
    """The meetings below the portal home's own 会議 page (the promotion and liaison meetings)."""
    site = Site.find_for_request(request) or get_object_or_404(Site, is_default_site=True)
    index = get_object_or_404(CouncilIndexPage.objects.live().child_of(site.root_page))
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    meetings = MeetingPage.objects.live().public().descendant_of(index).starting_since(since)
    return _calendar("東京都", meetings, request)


def _calendar(name, meetings, request):
    return HttpResponse(ical(name, meetings, request), content_type="text/calendar; charset=utf-8")
