"""Public iCal feed of a municipality's meetings (public meetings only; see network.meetings)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from tenants.models import Municipality

from . import meetings


def meetings_ical(request, slug):
    municipality = get_object_or_404(Municipality.objects.exclude(root_page=None), slug=slug)
    body = meetings.ical(municipality, meetings.public_feed_meetings(municipality), request)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
