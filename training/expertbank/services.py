"""Expert-bank consultation requests: the only code that creates one or changes its state.

`submit()` creates a request; `transition()` is the one state-change function. Each checks who
may act (asking tenants.access), the state machine (django-fsm-2 on the model) and the rule of
the step, then writes the change and one history row in one transaction and queues the emails
for after the commit. A refusal raises ValidationError with a Japanese message and writes
nothing."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django_fsm import can_proceed
from django_q.tasks import async_task
from guardian.shortcuts import assign_perm, remove_perm

from tenants import access
from tenants.jpdates import fiscal_year

from ..models import ConsultationRequest, Expert, RequestFile, RequestHistory

State = ConsultationRequest.State
LOAD_STATES = (State.ASSIGNED, State.PROPOSED, State.ACCEPTED)
COUNTED_STATES = (State.ASSIGNED, State.PROPOSED, State.ACCEPTED, State.HELD, State.REPORTED, State.CLOSED)

# action → who may take it: "coordinator", "expert" (the assigned one), "requester"
ACTORS = {
    "assign": {"coordinator"},
    "accept": {"expert"},
    "propose": {"expert"},
    "confirm": {"requester", "coordinator"},
    "decline": {"expert"},
    "hold": {"expert", "coordinator"},
    "file_report": {"expert"},
    "close": {"coordinator"},
    "cancel": {"requester", "coordinator"},
}
EVENTS = {"assign": "assigned", "accept": "accepted", "propose": "proposed", "confirm": "confirmed",
          "decline": "declined", "hold": "held", "file_report": "reported", "close": "closed",
          "cancel": "cancelled"}
ACTION_LABELS = {
    "assign": gettext_lazy("Assign"), "accept": gettext_lazy("Accept"),
    "propose": gettext_lazy("Propose another time"), "confirm": gettext_lazy("Confirm the proposed time"),
    "decline": gettext_lazy("Decline"), "hold": gettext_lazy("Mark as held"),
    "file_report": gettext_lazy("Report"), "close": pgettext_lazy("expert bank", "Close"),
    "cancel": pgettext_lazy("expert bank", "Cancel"),
}


def limit_per_year():
    return settings.TSUNAGU_CONSULTATIONS_PER_YEAR


def used_this_year(organisation, year):
    return (ConsultationRequest.objects.filter(organisation=organisation, fiscal_year=year)
            .exclude(state=State.CANCELLED).count())


def _notify(consultation, event):
    pk = consultation.pk
    transaction.on_commit(lambda: async_task("training.tasks.notify", pk, event))


def _history(consultation, action, before, user, note=""):
    RequestHistory.objects.create(request=consultation, action=action, from_state=before,
                                  to_state=consultation.state, user=user, note=note)


@transaction.atomic
def submit(organisation, user, *, field, topic, background, preferred, format, files=()):
    """A group's editor (or a coordinator taking it by phone) asks for a consultation."""
    if not access.can_edit_organisation(user, organisation):
        raise ValidationError(_("You can only request consultations for your own organisation."))
    now = timezone.now()
    preferred = [t for t in preferred if t]
    if not preferred:
        raise ValidationError(_("Give at least one preferred date and time."))
    if len(preferred) > 3:
        raise ValidationError(_("Give at most three preferred dates and times."))
    if any(t <= now for t in preferred):
        raise ValidationError(_("Preferred dates and times must be in the future."))
    if len(set(preferred)) != len(preferred):
        raise ValidationError(_("The preferred dates and times must differ."))
    year = fiscal_year(now)
    # Lock the organisation's row so two parallel submissions cannot both pass the limit.
    type(organisation).objects.select_for_update().filter(pk=organisation.pk).first()
    if used_this_year(organisation, year) >= limit_per_year():
        raise ValidationError(_(
            "%(organisation)s has used all %(limit)s consultations for fiscal year %(year)s. "
            "Contact the Support Net if you need more.") % {
            "organisation": organisation, "limit": limit_per_year(), "year": year})
    times = preferred + [None] * (3 - len(preferred))
    consultation = ConsultationRequest.objects.create(
        organisation=organisation, requested_by=user, field=field, topic=topic, background=background,
        preferred_1=times[0], preferred_2=times[1], preferred_3=times[2], format=format,
        fiscal_year=year, created_at=now)
    for upload in files:
        RequestFile.objects.create(request=consultation, file=upload, uploaded_by=user)
    _history(consultation, "submit", "", user)
    _notify(consultation, "submitted")
    return consultation


def expert_suggestions(consultation, today=None):
    """Active experts of the request's field, least loaded first, with their open requests and
    this month's count against their monthly maximum."""
    today = today or timezone.localdate()
    month = Q(requests__state__in=COUNTED_STATES, requests__assigned_at__year=today.year,
              requests__assigned_at__month=today.month)
    experts = (Expert.objects.filter(active=True, **{consultation.field: True}).select_related("user")
               .annotate(open_count=Count("requests", filter=Q(requests__state__in=LOAD_STATES), distinct=True),
                         month_count=Count("requests", filter=month, distinct=True)))
    rows = [(e, e.month_count >= e.monthly_maximum) for e in experts]
    rows.sort(key=lambda row: (row[1], row[0].open_count, row[0].month_count, row[0].pk))
    return rows


def _role(user, consultation):
    roles = set()
    if access.is_metro_coordinator(user):
        roles.add("coordinator")
    if access.is_requester(user, consultation):
        roles.add("requester")
    if access.is_assigned_expert(user, consultation):
        roles.add("expert")
    return roles


def allowed_actions(user, consultation):
    """The actions `user` may take on the request now (for the buttons on its page)."""
    roles = _role(user, consultation)
    return [action for action, actors in ACTORS.items()
            if roles & actors and can_proceed(getattr(consultation, action))]


@transaction.atomic
def transition(consultation, action, user, *, expert=None, slot=None, when=None, note=""):
    if action not in ACTORS:
        raise ValidationError(_("Unknown action."))
    consultation = ConsultationRequest.objects.select_for_update(of=("self",)).select_related("expert__user").get(
        pk=consultation.pk)
    if not _role(user, consultation) & ACTORS[action]:
        raise ValidationError(_("You cannot do this with this request."))
    if not can_proceed(getattr(consultation, action)):
        raise ValidationError(_("“%(action)s” is not possible while the request is “%(state)s”.") % {
            "action": ACTION_LABELS[action], "state": consultation.get_state_display()})
    before = consultation.state
    now = timezone.now()
    event = EVENTS[action]

    if action == "assign":
        if expert is None or not expert.active or not expert.handles(consultation.field):
            raise ValidationError(_("Choose an active expert of the request's field."))
        suggestion = dict((e.pk, full) for e, full in expert_suggestions(consultation))
        if suggestion.get(expert.pk):
            raise ValidationError(_("%(expert)s has reached their monthly maximum.") % {"expert": expert})
        if consultation.expert_id and consultation.expert_id != expert.pk:
            remove_perm("view_consultationrequest", consultation.expert.user, consultation)
        consultation.expert = expert
        consultation.assigned_at = now
        assign_perm("view_consultationrequest", expert.user, consultation)
    elif action == "accept":
        times = consultation.preferred_times
        if slot not in range(1, len(times) + 1):
            raise ValidationError(_("Choose one of the preferred times."))
        if times[slot - 1] <= now:
            raise ValidationError(_("That time has passed. Propose another time instead."))
        consultation.agreed_at = times[slot - 1]
        consultation.accepted_at = now
    elif action == "propose":
        if when is None or when <= now:
            raise ValidationError(_("Propose a date and time in the future."))
        consultation.proposed_at = when
    elif action == "confirm":
        if consultation.proposed_at is None or consultation.proposed_at <= now:
            raise ValidationError(_("The proposed time has passed. Ask the expert for another."))
        consultation.agreed_at = consultation.proposed_at
        consultation.accepted_at = now
    elif action == "decline":
        if not note.strip():
            raise ValidationError(_("Give a reason for declining."))
        remove_perm("view_consultationrequest", consultation.expert.user, consultation)
        consultation.reason = note
        consultation.expert = None
        consultation.assigned_at = None
        consultation.proposed_at = None
    elif action == "hold":
        if consultation.agreed_at > now:
            raise ValidationError(_("The consultation is scheduled for later; it cannot be held yet."))
    elif action == "file_report":
        if not note.strip():
            raise ValidationError(_("Write a short report."))
        consultation.report = note
    elif action == "cancel":
        if not note.strip():
            raise ValidationError(_("Give a reason for cancelling."))
        consultation.reason = note
    getattr(consultation, action)()
    consultation.save()
    _history(consultation, action, before, user, note)
    _notify(consultation, event)
    return consultation
