"""Staff screens for one event: sessions (from a slot template, public holidays skipped),
applications taken by phone or email, allocation, cancellation and attendance; the partner
groups' booking of exchange meetings and trainings; statistics with CSV."""

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenants import access
from tenants.admin_ui import posted_id
from tenants.date_entry import parse_date

from . import bookings, event_stats, slots
from .event_forms import ApplicationForm
from .models import Application, Event


class SlotForm(forms.Form):
    template = forms.ChoiceField(choices=[(key, value[0]) for key, value in slots.TEMPLATES.items()],
                                 label=gettext_lazy("Slot template"))
    dates = forms.CharField(label=gettext_lazy("Dates"), widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=gettext_lazy("One per line, e.g. 2026/12/14 or 令和8年12月14日"))

    def clean_dates(self):
        days = []
        for line in self.cleaned_data["dates"].splitlines():
            if not line.strip():
                continue
            day = parse_date(line)
            if day is None:
                raise ValidationError(_("“%(value)s” is not a date: write one date per line, such as "
                                        "2026/12/14 or 2026年12月14日.") % {"value": line.strip()[:40]})
            days.append(day)
        return days


class StaffApplicationForm(ApplicationForm):
    channel = forms.ChoiceField(choices=[(c, label) for c, label in Application.Channel.choices
                                         if c in ("phone", "email")], label=gettext_lazy("Received by"))


class GroupBookingForm(forms.Form):
    organisation = forms.ModelChoiceField(None, label=gettext_lazy("Organisation"))
    seats = forms.IntegerField(min_value=1, max_value=10, initial=1, label=gettext_lazy("Seats"))
    preference_1 = forms.ModelChoiceField(None, label=gettext_lazy("First choice"))
    preference_2 = forms.ModelChoiceField(None, required=False, label=gettext_lazy("Second choice"))

    def __init__(self, *args, event, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        for n in (1, 2):
            self.fields[f"preference_{n}"].queryset = event.sessions.all()


def _managed_event(request, pk):
    event = get_object_or_404(Event.objects.select_related("municipality"), pk=pk)
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
                    created, skipped = slots.generate_sessions(event, slot_form.cleaned_data["dates"],
                                                               slot_form.cleaned_data["template"])
                    messages.success(request, _("%(count)s sessions created.") % {"count": len(created)})
                    for day, name in skipped:
                        messages.warning(request, _("%(day)s is a public holiday (%(name)s): skipped.") % {
                            "day": day.strftime("%Y年%m月%d日"), "name": name})
                    return redirect("event_manage", pk=pk)
            elif action == "entry":
                entry_form = StaffApplicationForm(request.POST, prefix="entry", event=event)
                if entry_form.is_valid():
                    application = bookings.apply(event, entry_form.sessions, mode=entry_form.cleaned_data["mode"],
                                                 channel=entry_form.cleaned_data["channel"], by=request.user,
                                                 **entry_form.person)
                    messages.success(request, _("Application saved: %(status)s.") % {
                        "status": application.get_status_display()})
                    return redirect("event_manage", pk=pk)
            elif action == "allocate":
                allocated, left = bookings.run_allocation(event)
                messages.success(request, _("%(allocated)s allocated, %(left)s left unallocated.") % {
                    "allocated": len(allocated), "left": len(left)})
                return redirect("event_manage", pk=pk)
            elif action in ("cancel", "attended", "absent"):
                application = get_object_or_404(Application, pk=posted_id(request, "application"), event=event)
                if action == "cancel":
                    bookings.cancel(application, by=request.user)
                else:
                    bookings.record_attendance(application, action == "attended")
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


def book_for_group(request, pk):
    """Partner groups book exchange meetings and trainings from their account (seats per group)."""
    event = get_object_or_404(Event, pk=pk, published=True, audience=Event.Audience.PARTNER_GROUPS)
    organisations = access.organisations_for(request.user).filter(live=True)
    if access.is_metro_coordinator(request.user) or not organisations.exists():
        raise PermissionDenied
    form = GroupBookingForm(request.POST or None, event=event, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = bookings.apply(
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
    table = event_stats.table(events)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="event_statistics.csv"'
        response.write("\ufeff")
        writer = csv.writer(response, lineterminator="\r\n")
        writer.writerow(event_stats.HEADERS)
        writer.writerows(event_stats.csv_rows(table))
        return response
    return TemplateResponse(request, "training/admin/event_statistics.html", {
        "table": table, "by_kind": event_stats.by_kind_and_year(table)})
