"""Public event pages: listing (overall and per municipality), detail with the application form,
the cancellation link, iCal feeds and the open-data CSV. Parse input → call
training.events.services → render."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from tenants import scoping, throttle
from tenants.throttle import challenge
from tenants.models import Municipality

from . import export, services
from .forms import ApplicationForm
from ..models import Application, Event


@scoping.published_everywhere
def event_list(request):
    slug = request.GET.get("municipality") or None
    municipality = Municipality.objects.filter(slug=slug).first() if slug else None
    kind = request.GET.get("kind")
    events = Event.objects.public(slug)
    if kind in Event.Kind.values:
        events = events.filter(kind=kind)
    return render(request, "training/event_list.html", {
        "events": events, "municipality": municipality, "kinds": Event.Kind.choices, "kind": kind,
        "municipalities": Municipality.objects.filter(events__published=True).distinct(),
    })


@scoping.published_everywhere
@never_cache
@throttle.limited("event_apply")
def event_detail(request, pk):
    event = get_object_or_404(Event.objects.filter(published=True).select_related("municipality"), pk=pk)
    form = ApplicationForm(request.POST or None, event=event)
    if throttle.challenged(request):
        challenge.require(form)
    application = None
    if request.method == "POST" and event.is_open and not event.for_groups and form.is_valid():
        try:
            application = services.apply(event, form.sessions, mode=form.cleaned_data["mode"],
                                         channel=Application.Channel.ONLINE, **form.person)
        except ValidationError as error:
            form.add_error(None, error)
    if application is not None:
        return render(request, "training/event_applied.html", {"event": event, "application": application})
    return render(request, "training/event_detail.html", {
        "event": event, "form": form, "sessions": event.sessions.all(),
    }, status=400 if form.errors else 200)


@scoping.published_everywhere
@never_cache
@throttle.limited("event_cancel")
def event_cancel(request, token):
    try:
        application = services.application_for_token(token)
    except ValidationError as error:
        return render(request, "training/event_cancel.html", {"error": error.messages[0]}, status=410)
    done = False
    error = None
    # Bound on every POST: a cancellation posts no fields of its own, so `request.POST or None`
    # would leave the form unbound (never valid, no errors) when the challenge is not answered.
    posted = request.POST if request.method == "POST" else None
    form = challenge.require(forms.Form(posted)) if throttle.challenged(request) else None
    if request.method == "POST" and form is not None and not form.is_valid():
        error = form.errors[challenge.FIELD][0]
    elif request.method == "POST":
        try:
            application, _promoted = services.cancel(application)
            done = True
        except ValidationError as refused:
            error = refused.messages[0]
    return render(request, "training/event_cancel.html", {
        "application": application, "done": done or application.status == Application.Status.CANCELLED,
        "error": error, "challenge_form": form},
        status=400 if form is not None and form.errors else 200)


@scoping.published_everywhere
def events_ical(request, pk=None):
    if pk is None:
        events = Event.objects.public(request.GET.get("municipality") or None)
    else:
        events = Event.objects.filter(published=True, pk=pk).prefetch_related("sessions")
        if not events:
            raise Http404
    return HttpResponse(export.ical(events, request), content_type="text/calendar; charset=utf-8")


@scoping.published_everywhere
def events_csv(request, pk=None):
    events = Event.objects.public(request.GET.get("municipality") or None) if pk is None else \
        Event.objects.filter(published=True, pk=pk).select_related("municipality").prefetch_related("sessions")
    if pk is not None and not events:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="event_list.csv"'
    export.write_csv(events, response, request, bom=request.GET.get("bom") == "1")
    return response
