"""Public views of councils and meetings besides the pages themselves: the iCal feed of a
municipality's public meetings of the past year and to come."""

import datetime

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tenants.models import Municipality

from ..models import MeetingPage
from .export import ical

FEED_PAST_DAYS = 365


def meetings_ical(request, slug):
    municipality = get_object_or_404(Municipality.objects.exclude(root_page=None), slug=slug)
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    meetings = MeetingPage.objects.live().public().in_municipality(municipality).starting_since(since)
    body = ical(municipality, meetings, request)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
