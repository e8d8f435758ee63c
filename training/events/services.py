"""Sessions and applications of events: the only code that creates sessions from a slot
template, takes a seat or gives one back.

A seat is taken with one conditional UPDATE (`booked + seats <= capacity`), which PostgreSQL
re-checks on the locked row, so parallel applications can never overbook; the check constraints
on Session are the last line of defence. Rules across an event's dates (one application per
person, seats per partner group: limits.py) hold under the event's row lock, taken first. An application's status moves only through the
transitions declared on Application (django-fsm-2: confirm, wait, cancel), called from here after
the seat is taken or before it is given back. Each function runs in one transaction and queues
its emails for after the commit. Refusals raise ValidationError with a Japanese message and write
nothing. Each change of an application writes one entry in the audit trail (tenants.audit)."""

import datetime
import re

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed
from django_q.tasks import async_task

from tenants import audit
from tenants.fsm import failed_guard
from tenants.jpdates import japanese_datetime
from tenants.phones import normalise_phone, validate_phone
from tenants.working_days import holiday_name

from ..models import Application, Preference, Session
from . import limits

Status = Application.Status
Mode = Application.Mode
CANCEL_SALT = "training.cancel"
MAX_PREFERENCES = 3

# Slot templates (seed 001). name → (label, [(start, end)], in-person seats per slot,
# online seats: None unlimited / 0 none)
TEMPLATES = {
    "weekday_individual": ("平日個別相談（4枠×2組）",
                           [("10:00", "11:00"), ("11:15", "12:15"), ("13:15", "14:15"), ("14:30", "15:30")], 2, 0),
    "weekend_individual": ("土日個別相談（2枠×2組）", [("15:15", "16:15"), ("16:30", "17:30")], 2, 0),
    "family_seminar": ("家族セミナー（来所15名・オンライン無制限）", [("13:00", "15:00")], 15, None),
    "roaming": ("巡回相談（45分×6枠）",
                [("10:00", "10:45"), ("11:00", "11:45"), ("13:00", "13:45"), ("14:00", "14:45"),
                 ("15:00", "15:45"), ("16:00", "16:45")], 1, 0),
}


def _booked_field(mode):
    return ("booked_online", "capacity_online") if mode == Mode.ONLINE else ("booked_in_person", "capacity_in_person")


def take_seat(session_id, mode, seats=1):
    """Book `seats` in one statement, only if they fit; True when booked."""
    booked, capacity = _booked_field(mode)
    room = Q(**{f"{booked}__lte": F(capacity) - seats})
    if mode == Mode.ONLINE:
        room |= Q(capacity_online__isnull=True)
    return Session.objects.filter(room, pk=session_id).update(**{booked: F(booked) + seats}) == 1


def give_back_seat(session_id, mode, seats=1):
    booked, _capacity = _booked_field(mode)
    Session.objects.filter(pk=session_id, **{f"{booked}__gte": seats}).update(**{booked: F(booked) - seats})


def _email(application, kind):
    pk = application.pk
    transaction.on_commit(lambda: async_task("training.tasks.booking_email", pk, kind))


def cancel_token(application):
    return signing.dumps({"a": application.pk}, salt=CANCEL_SALT)


def application_for_token(token):
    try:
        return Application.objects.select_related("event", "session").get(
            pk=signing.loads(token, salt=CANCEL_SALT)["a"])
    except (signing.BadSignature, Application.DoesNotExist, KeyError, TypeError):
        raise ValidationError(_("This cancellation link is not valid."))


def _validate(event, sessions, mode, person_age, phone, organisation, now):
    if now >= event.deadline:
        raise ValidationError(_("Applications closed at %(deadline)s.") % {
            "deadline": japanese_datetime(event.deadline)})
    if not sessions:
        raise ValidationError(_("Choose at least one date."))
    if len(sessions) > MAX_PREFERENCES:
        raise ValidationError(_("Choose at most three preferred dates."))
    if len({s.pk for s in sessions}) != len(sessions):
        raise ValidationError(_("Each preferred date can be chosen once."))
    if any(s.event_id != event.pk for s in sessions):
        raise ValidationError(_("A chosen date does not belong to this event."))
    if any(s.starts_at <= now for s in sessions):
        raise ValidationError(_("A chosen date has already passed."))
    if mode == Mode.ONLINE and any(s.capacity_online == 0 for s in sessions):
        raise ValidationError(_("This date has no online attendance."))
    if person_age is not None:
        if (event.min_age is not None and person_age < event.min_age) or \
                (event.max_age is not None and person_age > event.max_age):
            raise ValidationError(_("This event is for people aged %(min)s to %(max)s.") % {
                "min": event.min_age if event.min_age is not None else 0,
                "max": event.max_age if event.max_age is not None else "—"})
    if event.for_groups and organisation is None:
        raise ValidationError(_("Partner groups book this event from their account."))
    if not event.for_groups and not phone:
        raise ValidationError(_("Enter a phone number."))


def _lock_sessions(session_ids):
    """Lock the sessions an application touches, always in primary-key order (so two
    transactions never wait on each other crosswise). Two submissions of the same form then
    run one after the other, and the second sees the first's duplicate."""
    return list(Session.objects.select_for_update().filter(pk__in=session_ids).order_by("pk"))


def _allocate(application):
    """Seat the application in its first preferred session with room that has not started;
    True when seated."""
    if not can_proceed(application.confirm):
        return False
    now = timezone.now()
    for preference in application.preferences.select_related("session").order_by("rank"):
        if preference.session.starts_at > now and take_seat(preference.session_id, application.mode, application.seats):
            application.confirm(preference.session)
            application.save(update_fields=["session", "status"])
            return True
    return False


@transaction.atomic
def apply(event, sessions, *, mode=Mode.IN_PERSON, seats=1, channel=Application.Channel.ONLINE, by=None,
          organisation=None, now=None, **person):
    """Take an application (online, by phone or email, or from a partner group's account) and
    seat it at once in arrival order; full → waiting list, or refused when the event keeps none."""
    now = now or timezone.now()
    phone = normalise_phone(person.pop("phone", "") or "")
    if phone:
        try:
            validate_phone(phone)
        except ValidationError as error:
            raise ValidationError(error.messages)
    person["email"] = limits.normalise_email(person.get("email"))
    sessions = list(sessions)
    _validate(event, sessions, mode, person.get("person_age"), phone, organisation, now)
    locked_event = limits.lock_event(event)
    _lock_sessions([s.pk for s in sessions])
    digits = re.sub(r"\D", "", phone)
    if organisation is None:
        limits.refuse_second_application(locked_event, digits, person["email"])
    else:
        limits.refuse_beyond_group_limit(locked_event, organisation, seats)
    if digits and Application.objects.filter(
            phone_digits=digits, preferences__session__in=sessions).exclude(status=Status.CANCELLED).exists():
        raise ValidationError(_("An application with this phone number already exists for this date."))
    application = Application.objects.create(
        event=event, mode=mode, seats=seats, channel=channel, created_by=by, organisation=organisation,
        phone=phone, phone_digits=digits, created_at=now, **person)
    Preference.objects.bulk_create(
        Preference(application=application, session=session, rank=rank) for rank, session in enumerate(sessions, 1))
    if not _allocate(application):
        if not can_proceed(application.wait):
            raise ValidationError(failed_guard(application.wait))  # rolls the application back
        application.wait()
        application.save(update_fields=["status"])
    audit.record("tsunagu.application.apply", application, by=by,
                 data={"status": application.status, "channel": channel})
    _email(application, "received")
    return application


def promote_waiting(session, by=None):
    """Give freed seats of `session` to waiting applicants who chose it, first come first
    served; returns the promoted applications. `by`: whose action freed the seats."""
    promoted = []
    if session.starts_at <= timezone.now():
        return promoted
    waiting = (Application.objects.select_for_update().filter(status=Status.WAITING, preferences__session=session)
               .order_by("created_at", "pk"))
    for application in waiting:
        if not take_seat(session.pk, application.mode, application.seats):
            continue
        application.confirm(session)
        application.save(update_fields=["session", "status"])
        _record_allocation(application, by, "waiting list")
        _email(application, "promoted")
        promoted.append(application)
    return promoted


@transaction.atomic
def cancel(application, by=None):
    """Cancel and hand the seat to the next waiting applicant (who is emailed)."""
    application = Application.objects.select_for_update(of=("self",)).select_related("session").get(pk=application.pk)
    if application.status == Status.CANCELLED:
        return application, []
    if not can_proceed(application.cancel):
        raise ValidationError(failed_guard(application.cancel))
    seated = application.status == Status.CONFIRMED
    if seated:
        _lock_sessions([application.session_id])  # before any waiting application (see run_allocation)
    application.cancel()
    application.save(update_fields=["status", "cancelled_at"])
    audit.record("tsunagu.application.cancel", application, by=by, data={"was_seated": seated})
    promoted = []
    if seated:
        give_back_seat(application.session_id, application.mode, application.seats)
        promoted = promote_waiting(application.session, by=by)
    _email(application, "cancelled")
    return application, promoted


def _record_allocation(application, by, reason):
    audit.record("tsunagu.application.allocate", application, by=by,
                 data={"session": application.session_id, "reason": reason})


def run_allocation(event, by=None):
    """Staff re-run allocation (after adding sessions or seats): every waiting or unallocated
    application, in arrival order, gets its first preferred session with room. Returns
    (allocated, left) lists."""
    allocated, left = [], []
    pending = event.applications.filter(status__in=[Status.WAITING, Status.UNALLOCATED]).order_by("created_at", "pk")
    for application in pending:
        with transaction.atomic():
            # Sessions first, then the application: the order cancel() takes them in.
            _lock_sessions(application.preferences.values_list("session_id", flat=True))
            locked = Application.objects.select_for_update().get(pk=application.pk)
            if locked.status in (Status.WAITING, Status.UNALLOCATED) and _allocate(locked):
                _record_allocation(locked, by, "allocation")
                _email(locked, "promoted")
                allocated.append(locked)
            else:
                left.append(locked)
    return allocated, left


@transaction.atomic
def record_attendance(application, attended, by=None):
    if application.status != Status.CONFIRMED:
        raise ValidationError(_("Only confirmed applications can be marked as attended."))
    Application.objects.filter(pk=application.pk).update(attended=attended)
    audit.record("tsunagu.application.attendance", application, by=by, data={"attended": bool(attended)})


def _at(day, hhmm):
    hour, minute = map(int, hhmm.split(":"))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@transaction.atomic
def generate_sessions(event, days, template):
    """Create the slot template's sessions on each day that is not a Japanese public holiday
    (events may fall on weekends and at the year's end, so only holidays are skipped, not every
    day that is not a working day). Returns (sessions created, [(day, holiday name)] skipped)."""
    _label, slots, in_person, online = TEMPLATES[template]
    created, skipped = [], []
    for day in days:
        name = holiday_name(day)
        if name:
            skipped.append((day, name))
            continue
        for start, end in slots:
            created.append(Session.objects.create(event=event, starts_at=_at(day, start), ends_at=_at(day, end),
                                                  capacity_in_person=in_person, capacity_online=online))
    return created, skipped
