"""Emails to applicants: received (confirmed or waiting), promoted from the waiting list,
cancelled. Each carries the signed cancellation link."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .services import cancel_token
from ..models import Application

Status = Application.Status


def send(application_id, kind):
    application = Application.objects.select_related("event", "session").filter(pk=application_id).first()
    if application is None or not application.email:
        return 0
    event = application.event
    with translation.override("ja"):
        when = str(application.session) if application.session else ""
        if kind == "promoted":
            subject = _("A seat opened up: %(event)s") % {"event": event}
            lead = _("A seat became free and your application is now confirmed for %(when)s.") % {"when": when}
        elif kind == "cancelled":
            subject = _("Cancelled: %(event)s") % {"event": event}
            lead = _("Your application has been cancelled.")
        elif application.status == Status.CONFIRMED:
            subject = _("Application confirmed: %(event)s") % {"event": event}
            lead = _("Your application is confirmed for %(when)s.") % {"when": when}
        else:
            subject = _("On the waiting list: %(event)s") % {"event": event}
            lead = _("The dates you chose are full. You are on the waiting list and will be emailed if a seat "
                     "becomes free.")
        lines = [f"{application.name} 様" if application.name else "", "", lead, "",
                 _("Event: %(event)s") % {"event": event}, _("Venue: %(venue)s") % {"venue": event.venue}]
        if kind != "cancelled":
            url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
                "event_cancel", args=[cancel_token(application)])
            lines += ["", _("To cancel, open: %(url)s") % {"url": url}]
        lines += ["", _("Questions: %(phone)s") % {"phone": event.contact_phone}]
    send_mail("【つなぐ】" + subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [application.email])
    return 1
