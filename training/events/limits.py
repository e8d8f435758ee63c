"""Limits on who may apply how often for one event, checked by services.apply inside its
transaction: one live application per person (the same email or phone number) and at most
Event.max_per_group seats per partner group ("1団体3名まで").

Both rules span all of an event's dates, so the lock that keeps them is the event's row (taken
before the sessions' rows, see services._lock_sessions): two applications to the same event run
one after the other, and the second sees the first."""

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from ..models import Application, Event


def normalise_email(email):
    """The form in which two spellings of one address compare equal (full-width letters, case,
    surrounding spaces); email addresses are matched case-insensitively in practice."""
    return unicodedata.normalize("NFKC", email or "").strip().lower()


def lock_event(event):
    """Lock the event's row for the rest of the transaction and return its current limits.
    FOR NO KEY UPDATE: new rows that reference the event (its sessions) are not held up. The
    base manager, because the caller already holds the event it was allowed to see."""
    return Event._base_manager.select_for_update(no_key=True).only("pk", "max_per_group", "contact_phone").get(
        pk=event.pk)


def refuse_second_application(event, phone_digits, email):
    """A person applies once per event. Partner groups are not asked: their bookings share the
    group's contact details and the per-group seat limit is their rule."""
    same_person = Q()
    if phone_digits:
        same_person |= Q(phone_digits=phone_digits)
    if email:
        same_person |= Q(email__iexact=email)
    if not same_person:
        return
    live = Application.objects.filter(event=event, organisation__isnull=True).exclude(
        status=Application.Status.CANCELLED)
    if live.filter(same_person).exists():
        raise ValidationError(_(
            "An application with this email address or phone number already exists for this event. To change "
            "the date or cancel, use the cancellation link in the confirmation email, or call %(phone)s.") % {
            "phone": event.contact_phone or settings.TSUNAGU_SUPPORT_PHONE})


def refuse_beyond_group_limit(event, organisation, seats):
    """All dates together, a group's live bookings (confirmed or waiting) stay within the limit."""
    if event.max_per_group is None:
        return
    booked = (Application.objects.filter(event=event, organisation=organisation)
              .exclude(status=Application.Status.CANCELLED).aggregate(seats=Sum("seats"))["seats"] or 0)
    if booked + seats <= event.max_per_group:
        return
    values = {"limit": event.max_per_group, "group": organisation, "booked": booked,
              "left": max(0, event.max_per_group - booked)}
    if booked >= event.max_per_group:
        raise ValidationError(_("This event takes up to %(limit)s people per group. %(group)s has already booked "
                                "%(booked)s, so no more can be booked.") % values)
    raise ValidationError(_("This event takes up to %(limit)s people per group. %(group)s has already booked "
                            "%(booked)s, so up to %(left)s more can be booked.") % values)
