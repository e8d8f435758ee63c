"""Expert-bank consultation requests: the only code that creates one or changes its state.

`submit()` creates a request; `transition()` is the one state-change function and the only caller
of the model's transitions. It checks who may act (asking tenants.access), sets the step's input
on the locked request, asks the state machine and its guards (django-fsm-2 on the model, each
guard with its Japanese message), then writes the change and one history row in one transaction
and queues the emails for after the commit. A refusal raises ValidationError with a Japanese message and writes
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

from tenants import access, audit
from tenants.fsm import failed_guard
from tenants.jpdates import fiscal_year, fiscal_year_name

from ..models import ConsultationRequest, Expert, RequestFile, RequestHistory

State = ConsultationRequest.State
LOAD_STATES = (State.ASSIGNED, State.PROPOSED, State.ACCEPTED)
COUNTED_STATES = ConsultationRequest.COUNTED_STATES

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
    audit.record("tsunagu.consultation.change", consultation, by=user,
                 data={"step": action, "from": before, "to": consultation.state})


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
            "%(organisation)s has used all %(limit)s consultations for %(year)s. "
            "Contact the Support Net if you need more.") % {
            "organisation": organisation, "limit": limit_per_year(), "year": fiscal_year_name(year)})
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
    """The actions `user` may take on the request now (for the buttons on its page). The guards
    are not asked: they judge the step's input, which the button's form gives."""
    roles = _role(user, consultation)
    return [action for action, actors in ACTORS.items()
            if roles & actors and can_proceed(getattr(consultation, action), check_conditions=False)]


@transaction.atomic
def transition(consultation, action, user, *, expert=None, slot=None, when=None, note=""):
    if action not in ACTORS:
        raise ValidationError(_("Unknown action."))
    consultation = ConsultationRequest.objects.select_for_update(of=("self",)).select_related("expert__user").get(
        pk=consultation.pk)
    if not _role(user, consultation) & ACTORS[action]:
        raise ValidationError(_("You cannot do this with this request."))
    method = getattr(consultation, action)
    if not can_proceed(method, check_conditions=False):
        raise ValidationError(_("“%(action)s” is not possible while the request is “%(state)s”.") % {
            "action": ACTION_LABELS[action], "state": consultation.get_state_display()})
    before, previous_expert = consultation.state, consultation.expert
    _set_input(consultation, action, expert=expert, slot=slot, when=when, note=note)
    if not can_proceed(method, check_conditions=True):
        raise ValidationError(failed_guard(method))  # nothing saved: the transaction rolls back
    if action == "assign" and previous_expert and previous_expert.pk != expert.pk:
        remove_perm("view_consultationrequest", previous_expert.user, consultation)
    if action == "assign":
        assign_perm("view_consultationrequest", expert.user, consultation)
    if action == "decline":
        remove_perm("view_consultationrequest", previous_expert.user, consultation)
    method()
    consultation.save()
    _history(consultation, action, before, user, note)
    _notify(consultation, EVENTS[action])
    return consultation


def _set_input(consultation, action, *, expert, slot, when, note):
    """Put the step's input on the (locked, not yet saved) request, for its guards to judge."""
    if action == "assign":
        consultation.expert = expert
    elif action == "accept":
        times = consultation.preferred_times
        consultation.agreed_at = times[slot - 1] if slot in range(1, len(times) + 1) else None
    elif action == "propose":
        consultation.proposed_at = when
    elif action in ("decline", "cancel"):
        consultation.reason = note
    elif action == "file_report":
        consultation.report = note
