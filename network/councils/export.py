"""The iCal feed of a municipality's (or Tokyo's own) meetings. It is public: calendar apps fetch it without a
session, so it is given public meetings only (network.councils.views)."""

import datetime

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent


def ical(name, meetings, request):
    calendar = Calendar()
    calendar.add("prodid", "-//Tsunagu//Tokyo Hikikomori Support Net//JA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"つなぐ {name} 会議")
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
    calendar.add_missing_timezones()  # VTIMEZONE for Asia/Tokyo, so every client reads JST
    return calendar.to_ical()
