"""The expert bank (専門職人材バンク): professionals and the consultation requests partner groups
send them. The request's states are a django-fsm-2 machine whose guards carry their Japanese
message; states move only through training.expertbank.services.transition(), which sets the
step's input on the request (expert, time, note) before asking the guards."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition

from tenants.fsm import guard
from tenants.jpdates import person_name
from tenants.storage import private_storage


class Field(models.TextChoices):
    LEGAL = "legal", _("Legal (法務)")
    MEDICAL = "medical", _("Medical (医療)")
    MANAGEMENT = "management", _("Management (経営管理)")


class Expert(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                                related_name="expert_profile")
    legal = models.BooleanField(Field.LEGAL.label, default=False)
    medical = models.BooleanField(Field.MEDICAL.label, default=False)
    management = models.BooleanField(Field.MANAGEMENT.label, default=False)
    qualification = models.CharField(_("qualification"), max_length=100,
                                     help_text=_("e.g. 弁護士, 精神科医, 中小企業診断士"))
    bio = models.TextField(_("short biography"), blank=True)
    availability = models.CharField(_("usual availability"), max_length=200, blank=True,
                                    help_text=_("e.g. 平日の夕方、土曜午前"))
    monthly_maximum = models.PositiveSmallIntegerField(
        _("monthly maximum"), default=2, validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Consultations per month this expert takes at most."))
    active = models.BooleanField(pgettext_lazy("expert bank", "active"), default=True, help_text=_("Paused experts get no new requests."))

    class Meta:
        ordering = ["user__last_name", "user__first_name", "pk"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        constraints = [models.CheckConstraint(
            condition=models.Q(legal=True) | models.Q(medical=True) | models.Q(management=True),
            name="expert_has_a_field")]

    def __str__(self):
        return f"{person_name(self.user)}（{self.qualification}）"

    def clean(self):
        if not (self.legal or self.medical or self.management):
            raise ValidationError(_("Choose at least one field."))

    @property
    def fields(self):
        return [f for f in Field if getattr(self, f.value)]

    def handles(self, field):
        return bool(getattr(self, str(field), False))


# Guards of ConsultationRequest's transitions. The service sets the step's input on the request
# first (the chosen expert, the agreed or proposed time, the reason or report), then asks them.
@guard(_("Choose an active expert of the request's field."))
def expert_fits(request):
    return bool(request.expert and request.expert.active and request.expert.handles(request.field))


@guard(_("%(expert)s has reached their monthly maximum."), expert=lambda request: request.expert)
def expert_has_room(request):
    today = timezone.localdate()
    month_count = ConsultationRequest.objects.filter(
        expert=request.expert, state__in=ConsultationRequest.COUNTED_STATES,
        assigned_at__year=today.year, assigned_at__month=today.month).count()
    return month_count < request.expert.monthly_maximum


@guard(_("Choose one of the preferred times."))
def time_chosen(request):
    return request.agreed_at is not None and request.agreed_at in request.preferred_times


@guard(_("That time has passed. Propose another time instead."))
def chosen_time_ahead(request):
    return request.agreed_at > timezone.now()


@guard(_("Propose a date and time in the future."))
def proposal_ahead(request):
    return request.proposed_at is not None and request.proposed_at > timezone.now()


@guard(_("The proposed time has passed. Ask the expert for another."))
def proposed_time_ahead(request):
    return request.proposed_at is not None and request.proposed_at > timezone.now()


@guard(_("Give a reason for declining."))
def decline_reason_given(request):
    return bool(request.reason.strip())


@guard(_("The consultation is scheduled for later; it cannot be held yet."))
def time_has_come(request):
    return request.agreed_at <= timezone.now()


@guard(_("Write a short report."))
def report_written(request):
    return bool(request.report.strip())


@guard(_("Give a reason for cancelling."))
def cancel_reason_given(request):
    return bool(request.reason.strip())


class ConsultationRequest(models.Model):
    """A partner group's request for a one-hour consultation with an expert."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("expert bank", "Submitted")
        ASSIGNED = "assigned", _("Assigned to an expert")
        PROPOSED = "proposed", _("New time proposed")
        ACCEPTED = "accepted", _("Accepted")
        HELD = "held", _("Held")
        REPORTED = "reported", _("Reported")
        CLOSED = "closed", _("Closed")
        DECLINED = "declined", _("Declined by the expert")
        CANCELLED = "cancelled", pgettext_lazy("expert bank", "Cancelled")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("Face to face")
        ONLINE = "online", _("Online")

    OPEN_STATES = (State.SUBMITTED, State.ASSIGNED, State.PROPOSED, State.ACCEPTED, State.DECLINED)
    CANCELLABLE = [State.SUBMITTED, State.ASSIGNED, State.PROPOSED, State.ACCEPTED, State.DECLINED]
    # States that count against an expert's monthly maximum.
    COUNTED_STATES = (State.ASSIGNED, State.PROPOSED, State.ACCEPTED, State.HELD, State.REPORTED, State.CLOSED)

    organisation = models.ForeignKey("network.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="consultation_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=pgettext_lazy("expert bank", "requested by"), null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    topic = models.CharField(_("topic"), max_length=150)
    background = models.TextField(_("background"))
    preferred_1 = models.DateTimeField(_("first preferred date and time"))
    preferred_2 = models.DateTimeField(_("second preferred date and time"), null=True, blank=True)
    preferred_3 = models.DateTimeField(_("third preferred date and time"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.ONLINE)
    state = FSMField(_("state"), max_length=20, choices=State.choices, default=State.SUBMITTED, protected=True)
    expert = models.ForeignKey(Expert, verbose_name=_("expert"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="requests")
    proposed_at = models.DateTimeField(_("time proposed by the expert"), null=True, blank=True)
    agreed_at = models.DateTimeField(_("agreed date and time"), null=True, blank=True)
    report = models.TextField(_("report"), blank=True)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why it was declined or cancelled."))
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        indexes = [models.Index(fields=["state", "assigned_at"]), models.Index(fields=["organisation", "fiscal_year"])]
        constraints = [
            models.CheckConstraint(condition=~models.Q(state__in=["assigned", "proposed", "accepted", "held", "reported"])
                                   | models.Q(expert__isnull=False), name="consultation_has_expert_when_assigned"),
            models.CheckConstraint(condition=~models.Q(state__in=["accepted", "held", "reported"])
                                   | models.Q(agreed_at__isnull=False), name="consultation_has_time_when_accepted"),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.topic}"

    def refresh_from_db(self, *args, **kwargs):
        # The protected state field refuses assignment once set; a reload from the database is
        # not a state change, so let the stored value back in.
        self.__dict__.pop("state", None)
        super().refresh_from_db(*args, **kwargs)

    @property
    def preferred_times(self):
        return [t for t in (self.preferred_1, self.preferred_2, self.preferred_3) if t]

    # Transitions, each with the guards of its step; training.expertbank.services.transition()
    # checks who may act, sets the step's input and calls them.
    @transition(state, source=[State.SUBMITTED, State.DECLINED], target=State.ASSIGNED,
                conditions=[expert_fits, expert_has_room])
    def assign(self):
        self.assigned_at = timezone.now()

    @transition(state, source=[State.ASSIGNED], target=State.ACCEPTED, conditions=[time_chosen, chosen_time_ahead])
    def accept(self):
        self.accepted_at = timezone.now()

    @transition(state, source=[State.ASSIGNED], target=State.PROPOSED, conditions=[proposal_ahead])
    def propose(self):
        pass

    @transition(state, source=[State.PROPOSED], target=State.ACCEPTED, conditions=[proposed_time_ahead])
    def confirm(self):
        self.agreed_at = self.proposed_at
        self.accepted_at = timezone.now()

    @transition(state, source=[State.ASSIGNED, State.PROPOSED], target=State.DECLINED,
                conditions=[decline_reason_given])
    def decline(self):
        self.expert = None
        self.assigned_at = None
        self.proposed_at = None

    @transition(state, source=[State.ACCEPTED], target=State.HELD, conditions=[time_has_come])
    def hold(self):
        pass

    @transition(state, source=[State.HELD], target=State.REPORTED, conditions=[report_written])
    def file_report(self):
        pass

    @transition(state, source=[State.REPORTED], target=State.CLOSED)
    def close(self):
        pass

    @transition(state, source=CANCELLABLE, target=State.CANCELLED, conditions=[cancel_reason_given])
    def cancel(self):
        pass


class RequestFile(models.Model):
    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), storage=private_storage, upload_to="consultations/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1]


class RequestHistory(models.Model):
    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="history")
    action = models.CharField(_("action"), max_length=20)
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("request history")
        verbose_name_plural = _("request history")

    @property
    def to_state_label(self):
        """The state as staff read it (受付済み), not its stored value."""
        return dict(ConsultationRequest.State.choices).get(self.to_state, self.to_state)


class RequestReminder(models.Model):
    """A reminder sent once: (kind, request, key) is unique, written with the email's queueing."""

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=30)
    key = models.CharField(max_length=60, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "kind", "key"], name="one_request_reminder")]
