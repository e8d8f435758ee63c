"""Events and bookings (seed 001): individual consultation days, family seminars, joint fairs,
roaming consultations, the partner groups' exchange meeting and trainings. Each event has
sessions (time slots) with a capacity per attendance mode; applications hold up to three ranked
preferences and end up confirmed in one session, waiting, unallocated or cancelled: a django-fsm-2
machine on Application whose transitions only training.events.services calls. Seats change only
there too, with conditional updates and these check constraints as the last line of defence."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Max, Min, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition

from tenants.fsm import guard
from tenants.phones import PhoneNumberField
from tenants.scoping import scoped_manager


class EventQuerySet(models.QuerySet):
    def public(self, municipality_slug=None):
        """Published events not yet over, soonest first, with their sessions in order; of one
        municipality when a slug is given."""
        events = (self.filter(published=True).select_related("municipality")
                  .annotate(first_start=Min("sessions__starts_at"), last_end=Max("sessions__ends_at"))
                  .filter(last_end__gte=timezone.now()).order_by("first_start", "pk"))
        if municipality_slug:
            events = events.filter(municipality__slug=municipality_slug)
        return events.prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("starts_at")))


class Event(models.Model):
    class Kind(models.TextChoices):
        WEEKDAY_INDIVIDUAL = "weekday_individual", _("Individual consultation day (weekday)")
        WEEKEND_INDIVIDUAL = "weekend_individual", _("Individual consultation day (weekend)")
        FAMILY_SEMINAR = "family_seminar", _("Family seminar")
        JOINT_FAIR = "joint_fair", _("Joint consultation fair")
        ROAMING = "roaming", _("Roaming consultation")
        EXCHANGE_MEETING = "exchange_meeting", _("Exchange meeting for partner groups")
        TRAINING = "training", _("Training")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Anyone living in Tokyo (the person or family)")
        FAMILIES = "families", _("Families only")
        PARTNER_GROUPS = "partner_groups", _("Partner groups")
        MUNICIPAL_STAFF = "municipal_staff", _("Municipal staff")
        SUPPORT_WORKERS = "support_workers", _("Support workers")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=150)
    title_kana = models.CharField(_("title reading (kana)"), max_length=200, blank=True)
    municipality = models.ForeignKey("tenants.Municipality", verbose_name=_("organised by"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="events",
                                     help_text=_("Empty: organised by the Tokyo Support Net."))
    audience = models.CharField(_("audience"), max_length=30, choices=Audience.choices, default=Audience.PUBLIC)
    venue = models.CharField(_("venue"), max_length=150)
    address = models.CharField(_("address"), max_length=200, blank=True)
    description = models.TextField(pgettext_lazy("event", "description"), blank=True)
    deadline = models.DateTimeField(_("application deadline"),
                                    help_text=_("Applications close at this time (Japan time), usually 17:00."))
    min_age = models.PositiveSmallIntegerField(_("minimum age of the person concerned"), null=True, blank=True,
                                               validators=[MaxValueValidator(120)])
    max_age = models.PositiveSmallIntegerField(_("maximum age of the person concerned"), null=True, blank=True,
                                               validators=[MaxValueValidator(120)])
    waiting_list = models.BooleanField(_("keep a waiting list"), default=True)
    # Exchange meetings and trainings are often "1団体3名まで" (seed 001's exchange meeting).
    max_per_group = models.PositiveSmallIntegerField(
        _("seats per partner group"), null=True, blank=True, validators=[MaxValueValidator(100)],
        help_text=_("Most seats one partner group may book for this event, all dates together. Empty: no limit."))
    application_method = models.CharField(_("how to apply"), max_length=200, blank=True,
                                          default="電話・メール・つなぐのフォーム")
    contact_phone = models.CharField(_("phone for applications"), max_length=20, blank=True, default="0120-529-528")
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    # Tokyo-wide events (no municipality) are seen in every scope (tenants/scoping.py).
    objects = scoped_manager(EventQuerySet, include_null=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [models.CheckConstraint(
            condition=Q(min_age__isnull=True) | Q(max_age__isnull=True) | Q(min_age__lte=F("max_age")),
            name="event_age_range_ordered")]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return timezone.now() < self.deadline

    @property
    def for_groups(self):
        return self.audience == self.Audience.PARTNER_GROUPS


class Session(models.Model):
    """A time slot. capacity_online None means unlimited online seats; 0 means no online."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity_in_person = models.PositiveIntegerField(_("seats in person"), default=2)
    capacity_online = models.PositiveIntegerField(_("seats online"), null=True, blank=True, default=0,
                                                  help_text=_("Empty: unlimited. 0: no online attendance."))
    booked_in_person = models.PositiveIntegerField(default=0, editable=False)
    booked_online = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = pgettext_lazy("event", "session")
        verbose_name_plural = pgettext_lazy("event", "sessions")
        constraints = [
            models.CheckConstraint(condition=Q(booked_in_person__lte=F("capacity_in_person")),
                                   name="session_in_person_not_overbooked"),
            models.CheckConstraint(condition=Q(capacity_online__isnull=True)
                                   | Q(booked_online__lte=F("capacity_online")),
                                   name="session_online_not_overbooked"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
        ]

    def __str__(self):
        start = timezone.localtime(self.starts_at)
        return f"{start:%Y年%m月%d日 %H:%M}〜{timezone.localtime(self.ends_at):%H:%M}"

    def seats_left(self, mode):
        if mode == Application.Mode.ONLINE:
            return None if self.capacity_online is None else self.capacity_online - self.booked_online
        return self.capacity_in_person - self.booked_in_person


@guard(_("All chosen dates are full."))
def event_keeps_a_waiting_list(application):
    return application.event.waiting_list


@guard(_("The session has already started; it can no longer be cancelled."))
def session_not_started(application):
    return not (application.session_id and timezone.now() >= application.session.starts_at)


class Application(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        UNALLOCATED = "unallocated", _("Not allocated")
        CANCELLED = "cancelled", pgettext_lazy("booking", "Cancelled")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", pgettext_lazy("attendance", "Online")

    class Relation(models.TextChoices):
        SELF = "self", _("The person concerned")
        PARENT = "parent", pgettext_lazy("relation", "Parent")
        SIBLING = "sibling", _("Sibling")
        SPOUSE = "spouse", _("Spouse or partner")
        OTHER = "other", _("Other")

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other or not given")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online form")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        PARTNER = "partner", _("Partner-group account")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="applications")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.PROTECT, related_name="applications")
    status = FSMField(pgettext_lazy("booking", "status"), max_length=20, choices=Status.choices,
                      default=Status.UNALLOCATED)
    mode = models.CharField(_("attendance"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    channel = models.CharField(_("received by"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    organisation = models.ForeignKey("network.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="event_applications")
    # Personal fields (erased after the retention period; see training.events.retention)
    name = models.CharField(_("name"), max_length=100, blank=True)
    name_kana = models.CharField(_("name (furigana)"), max_length=100, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    phone_digits = models.CharField(max_length=15, blank=True, editable=False)  # for duplicate checks
    email = models.EmailField(_("email"), blank=True)
    # Statistical fields (kept)
    residence = models.ForeignKey("tenants.Municipality", verbose_name=_("lives in"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    relation = models.CharField(_("relation to the person concerned"), max_length=20, choices=Relation.choices,
                                blank=True)
    person_municipality = models.ForeignKey("tenants.Municipality", verbose_name=_("the person lives in"),
                                            null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person_age = models.PositiveSmallIntegerField(_("age of the person concerned"), null=True, blank=True,
                                                  validators=[MaxValueValidator(120)])
    person_gender = models.CharField(_("gender of the person concerned"), max_length=10,
                                     choices=Gender.choices, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [models.Index(fields=["event", "status", "created_at"]), models.Index(fields=["phone_digits"])]
        constraints = [
            models.CheckConstraint(condition=~Q(status="confirmed") | Q(session__isnull=False),
                                   name="confirmed_application_has_session"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="application_has_seats"),
        ]

    def __str__(self):
        return f"{self.event}: {self.name or '—'}"

    # Transitions. A seat is taken (training.events.services.take_seat, one conditional UPDATE)
    # before confirm() is called, and given back after cancel(): the machine says only which
    # status may follow which.
    @transition(status, source=[Status.UNALLOCATED, Status.WAITING], target=Status.CONFIRMED)
    def confirm(self, session):
        self.session = session

    @transition(status, source=[Status.UNALLOCATED], target=Status.WAITING, conditions=[event_keeps_a_waiting_list])
    def wait(self):
        pass

    @transition(status, source=[Status.UNALLOCATED, Status.WAITING, Status.CONFIRMED], target=Status.CANCELLED,
                conditions=[session_not_started])
    def cancel(self):
        self.cancelled_at = timezone.now()


class Preference(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="preferences")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="preferences")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["application", "rank"], name="one_preference_per_rank"),
            models.UniqueConstraint(fields=["application", "session"], name="one_preference_per_session"),
            models.CheckConstraint(condition=Q(rank__gte=1) & Q(rank__lte=3), name="at_most_three_preferences"),
        ]
