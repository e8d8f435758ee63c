"""Emails about consultation requests: who hears of each step, and the .ics of the agreed time.
Sent from django-q2 tasks (training.tasks), one email per recipient."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from icalendar import Calendar, Event

from tenants import access
from tenants.jpdates import japanese_datetime

from ..models import ConsultationRequest

DURATION = datetime.timedelta(hours=1)

# event → who hears of it
RECIPIENTS = {
    "submitted": ("coordinators",),
    "assigned": ("expert",),
    "accepted": ("expert", "requesters", "coordinators"),
    "proposed": ("requesters",),
    "confirmed": ("expert", "requesters", "coordinators"),
    "declined": ("coordinators",),
    "held": ("coordinators",),
    "reported": ("requesters", "coordinators"),
    "closed": ("requesters",),
    "cancelled": ("expert", "requesters", "coordinators"),
    "day_before": ("expert", "requesters"),
    "expert_unanswered": ("expert",),
    "coordinator_unanswered": ("coordinators",),
}
WITH_CALENDAR = {"accepted", "confirmed", "day_before"}


def coordinator_emails():
    users = get_user_model().objects.filter(access.users_acting_for(None), is_active=True).exclude(email="")
    return set(users.values_list("email", flat=True))


def recipients(consultation, event):
    emails = set()
    for who in RECIPIENTS[event]:
        if who == "coordinators":
            emails |= coordinator_emails()
        elif who == "expert" and consultation.expert_id and consultation.expert.user.email:
            emails.add(consultation.expert.user.email)
        elif who == "requesters":
            emails |= set(consultation.organisation.editors().exclude(email="").values_list("email", flat=True))
    return sorted(emails)


def calendar_for(consultation):
    calendar = Calendar()
    calendar.add("prodid", "-//Tsunagu//Tokyo Hikikomori Support Net//JA")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"consultation-{consultation.pk}@tsunagu")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(consultation.agreed_at))
    event.add("dtend", timezone.localtime(consultation.agreed_at + DURATION))
    event.add("summary", _("Expert consultation: %(topic)s") % {"topic": consultation.topic})
    event.add("description", f"{consultation.organisation} / {consultation.expert}")
    event.add("location", consultation.get_format_display())
    calendar.add_component(event)
    calendar.add_missing_timezones()  # VTIMEZONE for Asia/Tokyo, so every client reads JST
    return calendar.to_ical()


SUBJECTS = {
    "submitted": gettext_noop("New consultation request from %(organisation)s"),
    "assigned": gettext_noop("A consultation request has been assigned to you"),
    "accepted": gettext_noop("Consultation agreed for %(when)s"),
    "proposed": gettext_noop("The expert proposes another time for your consultation"),
    "confirmed": gettext_noop("Consultation agreed for %(when)s"),
    "declined": gettext_noop("An expert declined a consultation request"),
    "held": gettext_noop("Consultation held; a report will follow"),
    "reported": gettext_noop("The report on your consultation is ready"),
    "closed": gettext_noop("Your consultation request is closed"),
    "cancelled": gettext_noop("A consultation request was cancelled"),
    "day_before": gettext_noop("Reminder: consultation tomorrow at %(when)s"),
    "expert_unanswered": gettext_noop("Please answer the consultation request assigned to you"),
    "coordinator_unanswered": gettext_noop("An expert has not answered a consultation request for 5 days"),
}


def message(consultation, event, to):
    when = japanese_datetime(consultation.agreed_at)
    values = {"organisation": consultation.organisation, "when": when}
    subject = "【つなぐ】" + _(SUBJECTS[event]) % values
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("consultation_detail", args=[consultation.pk])
    lines = [
        _("Organisation: %(organisation)s") % values,
        _("Topic: %(topic)s") % {"topic": consultation.topic},
        _("Field: %(field)s") % {"field": consultation.get_field_display()},
        _("State: %(state)s") % {"state": consultation.get_state_display()},
    ]
    if consultation.proposed_at and event == "proposed":
        lines.append(_("Proposed time: %(when)s") % {
            "when": japanese_datetime(consultation.proposed_at)})
    if when:
        lines.append(_("Agreed time: %(when)s (one hour)") % {"when": when})
    if consultation.reason and event in ("declined", "cancelled"):
        lines.append(_("Reason: %(reason)s") % {"reason": consultation.reason})
    lines += ["", _("Open the request: %(url)s") % {"url": url}]
    email = EmailMessage(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [to])
    if event in WITH_CALENDAR and consultation.agreed_at:
        email.attach("consultation.ics", calendar_for(consultation), "text/calendar")
    return email


def send(consultation_id, event):
    consultation = (ConsultationRequest.objects.select_related("organisation", "expert__user")
                    .filter(pk=consultation_id).first())
    if consultation is None:
        return 0
    with translation.override("ja"):
        emails = [message(consultation, event, to) for to in recipients(consultation, event)]
    for email in emails:
        email.send()
    return len(emails)
