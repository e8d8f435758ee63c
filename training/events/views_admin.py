"""Staff screens for one event: sessions (from a slot template, public holidays skipped),
applications taken by phone or email, allocation, cancellation and attendance; the partner
groups' booking of exchange meetings and trainings; statistics with CSV."""


from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from tenants import access, audit, scoping, spreadsheets
from tenants.admin_ui import posted_id

from ..models import Application, Event
from . import services, stats
from .forms import GroupBookingForm, SlotForm, StaffApplicationForm


def _managed_event(request, pk):
    event = scoping.get_or_refuse(Event.objects.select_related("municipality"), pk=pk)
    if not access.can_act_for(request.user, event.municipality):
        raise PermissionDenied
    return event


def manage_event(request, pk):
    event = _managed_event(request, pk)
    slot_form = SlotForm(prefix="slots")
    entry_form = StaffApplicationForm(prefix="entry", event=event)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "slots":
                slot_form = SlotForm(request.POST, prefix="slots")
                if slot_form.is_valid():
                    created, skipped = services.generate_sessions(event, slot_form.cleaned_data["dates"],
                                                                  slot_form.cleaned_data["template"])
                    messages.success(request, _("%(count)s sessions created.") % {"count": len(created)})
                    for day, name in skipped:
                        messages.warning(request, _("%(day)s is a public holiday (%(name)s): skipped.") % {
                            "day": day.strftime("%Y年%m月%d日"), "name": name})
                    return redirect("event_manage", pk=pk)
            elif action == "entry":
                entry_form = StaffApplicationForm(request.POST, prefix="entry", event=event)
                if entry_form.is_valid():
                    application = services.apply(event, entry_form.sessions, mode=entry_form.cleaned_data["mode"],
                                                 channel=entry_form.cleaned_data["channel"], by=request.user,
                                                 **entry_form.person)
                    messages.success(request, _("Application saved: %(status)s.") % {
                        "status": application.get_status_display()})
                    return redirect("event_manage", pk=pk)
            elif action == "allocate":
                allocated, left = services.run_allocation(event, by=request.user)
                messages.success(request, _("%(allocated)s allocated, %(left)s left unallocated.") % {
                    "allocated": len(allocated), "left": len(left)})
                return redirect("event_manage", pk=pk)
            elif action in ("cancel", "attended", "absent"):
                application = get_object_or_404(Application, pk=posted_id(request, "application"), event=event)
                if action == "cancel":
                    services.cancel(application, by=request.user)
                else:
                    services.record_attendance(application, action == "attended", by=request.user)
                return redirect("event_manage", pk=pk)
        except ValidationError as error:
            if action == "entry":
                entry_form.add_error(None, error)
            else:
                messages.error(request, " ".join(error.messages))
                return redirect("event_manage", pk=pk)
    applications = event.applications.select_related("session", "residence", "organisation").order_by(
        "status", "created_at")
    return TemplateResponse(request, "training/admin/event_manage.html", {
        "event": event, "sessions": event.sessions.all(), "applications": applications,
        "slot_form": slot_form, "entry_form": entry_form,
        "left": [a for a in applications if a.status in (Application.Status.WAITING, Application.Status.UNALLOCATED)],
    }, status=400 if entry_form.errors or slot_form.errors else 200)


@scoping.published_everywhere
def book_for_group(request, pk):
    """Partner groups book exchange meetings and trainings from their account (seats per group):
    published events of every municipality, whatever municipalities the account acts for."""
    event = get_object_or_404(Event, pk=pk, published=True, audience=Event.Audience.PARTNER_GROUPS)
    organisations = access.organisations_for(request.user).filter(live=True)
    if access.is_metro_coordinator(request.user) or not organisations.exists():
        raise PermissionDenied
    form = GroupBookingForm(request.POST or None, event=event, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.apply(
                event, [s for s in (data["preference_1"], data["preference_2"]) if s], seats=data["seats"],
                channel=Application.Channel.PARTNER, by=request.user, organisation=data["organisation"],
                name=str(data["organisation"]), email=request.user.email, phone=data["organisation"].phone)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Booked for %(organisation)s: %(status)s.") % {
                "organisation": data["organisation"], "status": application.get_status_display()})
            return redirect("event_group_booking", pk=pk)
    bookings_made = event.applications.filter(organisation__in=organisations).select_related("session", "organisation")
    return TemplateResponse(request, "training/admin/group_booking.html", {
        "event": event, "form": form, "bookings": bookings_made}, status=400 if form.errors else 200)


@access.coordinator_required
def statistics(request):
    events = access.scope(request.user, Event.objects.all())
    table = stats.table(events)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="event_statistics.csv"'
        response.write("\ufeff")
        writer = spreadsheets.writer(response)
        writer.writerow(stats.HEADERS)
        writer.writerows(stats.csv_rows(table))
        audit.record_export("event_statistics.csv", by=request.user,
                            municipality=_only_municipality(request.user))
        return response
    return TemplateResponse(request, "training/admin/event_statistics.html", {
        "table": table, "by_kind": stats.by_kind_and_year(table)})


def _only_municipality(user):
    """The municipality an export of one coordinator's events belongs to (None: Tokyo's, or several)."""
    ids = access.municipality_ids_for(user)
    return next(iter(ids)) if ids and len(ids) == 1 else None


def is_coordinator(user):
    """Who sees the event statistics in the menu."""
    return access.has_role(user, access.Role.MUNICIPAL_COORDINATOR)


def edits_a_group(user):
    """Who sees the exchange meetings and trainings their group may book in the menu."""
    return not access.is_metro_coordinator(user) and access.organisations_for(user).exists()
