"""Which meetings a visitor sees, and the public iCal feed of a municipality's meetings.

Lists show what the visitor could open: public pages for everyone, members-only ones only to
those Wagtail's view restriction lets in (the same check as serving the page). The iCal feed is
public: calendar apps fetch it without a session, so it never carries members-only meetings."""

import datetime

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models.councils import MeetingPage

FEED_PAST_DAYS = 365


def readable(pages, request):
    """The pages of `pages` (a queryset) the request may open, in order."""
    pages = list(pages)
    public_ids = set(type(pages[0]).objects.filter(pk__in=[p.pk for p in pages]).public()
                     .values_list("pk", flat=True)) if pages else set()
    return [page for page in pages if page.pk in public_ids
            or all(r.accept_request(request) for r in page.get_view_restrictions())]


def upcoming_meetings(municipality, request=None, now=None, limit=None, root_page=None):
    """Meetings not yet over in the municipality's subtree, soonest first (`root_page` saves a
    query when the caller is the municipality's page)."""
    if municipality is None or municipality.root_page_id is None:
        return []
    now = now or timezone.now()
    meetings = (MeetingPage.objects.live().descendant_of(root_page or municipality.root_page)
                .filter(starts_at__gte=now - datetime.timedelta(hours=12)).order_by("starts_at", "pk"))
    if request is None:
        found = [m for m in meetings.public() if m.is_upcoming(now)]
    else:
        found = [m for m in readable(meetings, request) if m.is_upcoming(now)]
    return found[:limit] if limit else found


def public_feed_meetings(municipality, now=None):
    now = now or timezone.now()
    return (MeetingPage.objects.live().public().descendant_of(municipality.root_page)
            .filter(starts_at__gte=now - datetime.timedelta(days=FEED_PAST_DAYS))
            .order_by("starts_at", "pk"))


def ical(municipality, meetings, request):
    calendar = Calendar()
    calendar.add("prodid", "-//Tsunagu//Tokyo Hikikomori Support Net//JA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"つなぐ {municipality.name} 会議")
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    now = timezone.now()
    for meeting in meetings:
        entry = CalendarEvent()
        entry.add("uid", f"meeting-{meeting.pk}@tsunagu")
        entry.add("dtstamp", now)
        entry.add("dtstart", timezone.localtime(meeting.starts_at))
        entry.add("dtend", timezone.localtime(meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2)))
        entry.add("summary", meeting.title)
        entry.add("location", meeting.place or ("オンライン" if meeting.online else ""))
        entry.add("description", "\n".join(meeting.agenda_items))
        entry.add("url", request.build_absolute_uri(meeting.url))
        calendar.add_component(entry)
    return calendar.to_ical()
