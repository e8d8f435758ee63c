"""What events and the expert bank put on a user's list of the day's work (tenants.work_list):
for coordinators their coming events with seats and waiting lists and the applicants to phone;
for partner-group editors their group's bookings and expert requests; for the metropolitan
coordinator the requests no expert has been assigned yet; for professionals the requests to
answer and the consultations ahead. Scoped through tenants.access."""

import datetime

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants import access
from tenants.jpdates import japanese_datetime
from tenants.work_list import WorkItem, edited_organisations

from .models import Application, ConsultationRequest, Event

SHOWN_EVENTS = 5  # the next events listed with their seats and waiting lists
CALL_DAYS = 7  # phone-only applicants of sessions within this many days are to be called
ACTIVE = (Application.Status.CONFIRMED, Application.Status.WAITING)
State = ConsultationRequest.State


def events_run_by(user):
    """The events a coordinator runs: their municipalities', or Tokyo's own for the metropolitan
    coordinator."""
    if access.is_metro_coordinator(user):
        return Event.objects.filter(municipality__isnull=True)
    ids = access.municipality_ids_for(user)
    return Event.objects.filter(municipality_id__in=ids) if ids else Event.objects.none()


def coordinator_items(user):
    if not access.has_role(user, access.Role.MUNICIPAL_COORDINATOR):
        return []
    events = events_run_by(user)
    now = timezone.now()
    upcoming = (
        events.annotate(first_start=Min("sessions__starts_at", filter=Q(sessions__starts_at__gte=now)),
                        waiting=Count("applications", filter=Q(applications__status=Application.Status.WAITING),
                                      distinct=True))
        .filter(first_start__isnull=False).prefetch_related("sessions").order_by("first_start", "pk"))
    lines = []
    for event in upcoming[:SHOWN_EVENTS]:
        left = sum(s.seats_left(Application.Mode.IN_PERSON) for s in event.sessions.all() if s.starts_at >= now)
        lines.append(_("%(when)s %(title)s: %(left)s seats left, %(waiting)s waiting")
                     % {"when": japanese_datetime(event.first_start), "title": event.title, "left": left,
                        "waiting": event.waiting})
    to_call = Application.objects.filter(
        event__in=events, status__in=ACTIVE, email="", erased_at__isnull=True,
        session__starts_at__gte=now, session__starts_at__lte=now + datetime.timedelta(days=CALL_DAYS))
    return [
        WorkItem(_("Upcoming events"), upcoming.count(), reverse("events:index"), details=lines,
                 order=20, attention=False),
        WorkItem(_("Applicants without email to phone before their session (7 days)"), to_call.count(),
                 reverse("events:index"), order=30),
    ]


def editor_items(user):
    organisations = edited_organisations(user)
    if organisations is None:
        return []
    bookings = Application.objects.filter(organisation__in=organisations, status__in=ACTIVE,
                                          session__starts_at__gte=timezone.now())
    requests = ConsultationRequest.objects.filter(organisation__in=organisations,
                                                  state__in=ConsultationRequest.OPEN_STATES)
    return [
        WorkItem(_("Your group's bookings for coming events"), bookings.count(),
                 reverse("event_list") + "?kind=exchange_meeting", order=20, attention=False),
        WorkItem(_("Your group's expert consultations in progress"), requests.count(),
                 reverse("consultation_list"), order=30, attention=False),
    ]


def metro_items(user):
    if not access.is_metro_coordinator(user):
        return []
    unassigned = ConsultationRequest.objects.filter(state=State.SUBMITTED)
    return [WorkItem(_("Expert requests without an expert"), unassigned.count(),
                     reverse("consultation_list"), order=30)]


def expert_items(user):
    if access.is_metro_coordinator(user) or not access.has_role(user, access.Role.PROFESSIONAL):
        return []
    mine = ConsultationRequest.objects.filter(expert__user=user)
    ahead = list(mine.filter(state=State.ACCEPTED, agreed_at__gte=timezone.now()).order_by("agreed_at"))
    return [
        WorkItem(_("Requests to answer"), mine.filter(state=State.ASSIGNED).count(),
                 reverse("consultation_list"), order=10),
        WorkItem(_("Upcoming consultations"), len(ahead), reverse("consultation_list"),
                 details=[f"{japanese_datetime(r.agreed_at)} {r.organisation}" for r in ahead[:5]], order=20,
                 attention=False),
    ]


def items_for(user):
    return [*coordinator_items(user), *editor_items(user), *metro_items(user), *expert_items(user)]
