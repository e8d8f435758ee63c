"""Agreements (協定) between Tokyo and partner groups.

Status is derived from the dates and a termination, never stored: an agreement is active from
valid_from until valid_until (open-ended when empty) unless terminated; "expiring" is active with
fewer than EXPIRING_DAYS left."""

import datetime

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, transition
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.search import index

from tenants.uploads import UploadValidator

EXPIRING_DAYS = 60

# The mutual commitments of the agreement, as in the Social-Participation programme (seed 000).
DEFAULT_COMMITMENTS = """【連携団体】
①ガイドラインの理念に沿った多様な手法によるサポートを継続する
②都サポートネットと連携してサポートする
③地域における連携ネットワーク構築に協力する
【東京都】
①連携団体の取組等を区市町村に情報提供し、都民に周知する
②都サポートネットの相談支援において連携団体と協力してサポートする
③連携団体に対し、コンサルティング、交流会、研修等を提供する"""


class PrivateStorage(LazyObject):
    """Agreement documents are never public: stored outside MEDIA_ROOT, served only through a
    permission-checked view."""

    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)


private_storage = PrivateStorage()


def active_q(today, prefix=""):
    """Agreements in force on `today` (optionally seen through a relation `prefix`)."""
    p = prefix
    return (Q(**{f"{p}valid_from__lte": today})
            & (Q(**{f"{p}valid_until__isnull": True}) | Q(**{f"{p}valid_until__gte": today}))
            & (Q(**{f"{p}terminated_on__isnull": True}) | Q(**{f"{p}terminated_on__gt": today})))


class Agreement(index.Indexed, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Not yet in force")
        ACTIVE = "active", _("Active")
        EXPIRING = "expiring", _("Expiring soon")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    number = models.CharField(_("agreement number"), max_length=30, unique=True)
    organisation = models.ForeignKey("network.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="agreements")
    signed_on = models.DateField(_("signed on"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True,
                                   help_text=_("Leave empty for an agreement without a fixed end."))
    document = models.FileField(_("signed document"), storage=private_storage,
                                upload_to="agreements/%Y/", blank=True, validators=[UploadValidator()])
    commitments = models.TextField(_("mutual commitments"), default=DEFAULT_COMMITMENTS)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_reason = models.TextField(_("reason for termination"), blank=True)
    renews = models.OneToOneField("self", verbose_name=_("renews"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="renewed_by")
    note = models.TextField(_("note"), blank=True)

    # The tenant-safe chooser narrows searches by id (tenants.viewsets).
    search_fields = [index.SearchField("number"), index.AutocompleteField("number"), index.FilterField("id")]

    class Meta:
        ordering = ["-valid_from", "number"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="agreement_valid_range_ordered"),
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=True) | ~Q(termination_reason=""),
                name="agreement_termination_has_reason"),
        ]

    def __str__(self):
        return f"{self.number} {self.organisation}"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end date must not be before the start date.")
        if self.terminated_on and not self.termination_reason.strip():
            errors["termination_reason"] = _("Give the reason for the termination.")
        if self.signed_on and self.valid_from and self.signed_on > self.valid_from + datetime.timedelta(days=366):
            errors["signed_on"] = _("The signing date is more than a year after the start date.")
        if errors:
            raise ValidationError(errors)

    def status_on(self, today=None):
        today = today or timezone.localdate()
        if self.terminated_on and self.terminated_on <= today:
            return self.Status.TERMINATED
        if today < self.valid_from:
            return self.Status.PENDING
        if self.valid_until and today > self.valid_until:
            return self.Status.EXPIRED
        if self.valid_until and (self.valid_until - today).days < EXPIRING_DAYS:
            return self.Status.EXPIRING
        return self.Status.ACTIVE

    @property
    def status(self):
        return self.status_on()

    def get_status_display(self):
        return self.Status(self.status).label


def _guard(message):
    """A django-fsm condition carrying the Japanese message shown when it fails."""
    def decorate(function):
        function.message = message
        return function
    return decorate


@_guard(_("Record the site visit first (date, coordinators, attending cooperating group)."))
def has_site_visit(prospect):
    return prospect.site_visits.exists()


@_guard(_("An agreement can be drafted only after a site visit that passed."))
def has_passed_site_visit(prospect):
    return prospect.site_visits.filter(result=SiteVisit.Result.PASS).exists()


@_guard(_("A partner needs a signed agreement with its signing date, start date and document."))
def has_signed_agreement(prospect):
    agreement = prospect.agreement
    return bool(agreement and agreement.organisation_id == prospect.organisation_id
                and agreement.signed_on and agreement.valid_from and agreement.document)


class Prospect(ClusterableModel):
    """A candidate organisation on its way to becoming a partner (連携団体)."""

    class Stage(models.TextChoices):
        RESEARCH = "research", _("Research")
        HEARING = "hearing_scheduled", _("Hearing scheduled")
        VISITED = "site_visit_done", _("Site visit done")
        DRAFTED = "agreement_drafted", _("Agreement drafted")
        PARTNER = "partner", _("Agreement signed (partner)")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ON_HOLD = "on_hold", _("On hold")

    class Source(models.TextChoices):
        REFERRAL = "referral", _("Referred by a municipality")
        AGENCY = "agency", _("Related agency")
        RESEARCH = "research", _("Own research")
        APPLICATION = "application", _("The group applied")

    OPEN_STAGES = [Stage.RESEARCH, Stage.HEARING, Stage.VISITED, Stage.DRAFTED]
    ACTION_LABELS = {
        "schedule_hearing": _("Schedule the hearing"), "record_site_visit": _("Site visit done"),
        "draft_agreement": _("Draft the agreement"), "sign": _("Agreement signed"),
        "decline": _("Decline"), "withdraw": _("Withdrawn by the group"), "hold": _("Put on hold"),
        "resume": _("Resume"),
    }

    organisation = models.ForeignKey("network.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="prospects")
    source = models.CharField(_("how it was found"), max_length=20, choices=Source.choices)
    referred_by = models.ForeignKey("tenants.Municipality", verbose_name=_("referred by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="referred_prospects")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assigned coordinator"),
                                    null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    next_step = models.CharField(_("next step"), max_length=200, blank=True)
    next_step_on = models.DateField(_("next step date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    stage = FSMField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.RESEARCH,
                     protected=True)
    stage_before_hold = models.CharField(max_length=20, blank=True, editable=False)
    agreement = models.OneToOneField(Agreement, verbose_name=_("agreement"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="prospect")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("prospect")
        verbose_name_plural = _("prospects")
        constraints = [
            models.CheckConstraint(condition=~Q(source="referral") | Q(referred_by__isnull=False),
                                   name="prospect_referral_names_municipality"),
        ]

    def __str__(self):
        return str(self.organisation)

    @transition(stage, source=Stage.RESEARCH, target=Stage.HEARING)
    def schedule_hearing(self):
        pass

    @transition(stage, source=Stage.HEARING, target=Stage.VISITED, conditions=[has_site_visit])
    def record_site_visit(self):
        pass

    @transition(stage, source=Stage.VISITED, target=Stage.DRAFTED, conditions=[has_passed_site_visit])
    def draft_agreement(self):
        pass

    @transition(stage, source=Stage.DRAFTED, target=Stage.PARTNER, conditions=[has_signed_agreement])
    def sign(self):
        pass

    @transition(stage, source=OPEN_STAGES + [Stage.ON_HOLD], target=Stage.DECLINED)
    def decline(self):
        pass

    @transition(stage, source=OPEN_STAGES + [Stage.ON_HOLD], target=Stage.WITHDRAWN)
    def withdraw(self):
        pass

    @transition(stage, source=OPEN_STAGES, target=Stage.ON_HOLD)
    def hold(self):
        self.stage_before_hold = self.stage

    @transition(stage, source=Stage.ON_HOLD, target=RETURN_VALUE(*OPEN_STAGES))
    def resume(self):
        stage, self.stage_before_hold = self.stage_before_hold, ""
        return stage


class ProspectFile(models.Model):
    """Files gathered about a candidate (leaflets, hearing notes): private like agreements."""

    prospect = ParentalKey(Prospect, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("title"), max_length=120)
    file = models.FileField(_("file"), storage=private_storage, upload_to="prospects/%Y/",
                            validators=[UploadValidator()])
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self):
        return self.title


class ProspectHistory(models.Model):
    prospect = models.ForeignKey(Prospect, on_delete=models.CASCADE, related_name="history")
    from_stage = models.CharField(_("from"), max_length=20, choices=Prospect.Stage.choices)
    to_stage = models.CharField(_("to"), max_length=20, choices=Prospect.Stage.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True,
                             on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")


class SiteVisit(models.Model):
    """現地確認: checked on site by coordinators, with a cooperating group (協力団体) attending from
    the family/peer viewpoint."""

    class Result(models.TextChoices):
        PASS = "pass", _("Passed")
        FOLLOW_UP = "follow_up", _("Needs follow-up")
        FAIL = "fail", _("Failed")

    prospect = models.ForeignKey(Prospect, on_delete=models.CASCADE, related_name="site_visits")
    visited_on = models.DateField(_("visited on"))
    coordinators = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("coordinators present"),
                                          related_name="+")
    cooperating_group = models.ForeignKey("network.Organisation", verbose_name=_("attending cooperating group"),
                                          on_delete=models.PROTECT, related_name="attended_site_visits")
    activities_checked = models.BooleanField(_("activity content and methods checked"), default=False)
    safety_checked = models.BooleanField(_("safety arrangements (安全確保体制) checked"), default=False)
    guideline_fit_checked = models.BooleanField(_("fit with the support guideline's principles checked"),
                                                default=False)
    personal_data_checked = models.BooleanField(_("handling of personal data checked"), default=False)
    fees_checked = models.BooleanField(_("transparency of fees and contracts checked"), default=False)
    findings = models.TextField(_("findings"), blank=True)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)

    CHECKLIST = ["activities_checked", "safety_checked", "guideline_fit_checked",
                 "personal_data_checked", "fees_checked"]

    class Meta:
        ordering = ["-visited_on"]
        verbose_name = _("site visit")
        verbose_name_plural = _("site visits")

    def __str__(self):
        # The admin's lists and chooser name a visit by its candidate and date.
        if not self.prospect_id or not self.visited_on:
            return str(self._meta.verbose_name)
        return f"{self.prospect}（{self.visited_on:%Y-%m-%d}）"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.result == self.Result.PASS and not all(getattr(self, f) for f in self.CHECKLIST):
            raise ValidationError({"result": _("A visit passes only when every checklist item was checked.")})
        if self.cooperating_group_id and self.cooperating_group_id == getattr(self.prospect, "organisation_id", None):
            raise ValidationError({"cooperating_group": _("The cooperating group must be another organisation.")})


class ReminderSent(models.Model):
    """One row per reminder sent, so a daily task run twice never sends it twice."""

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=100)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="reminder_sent_once")]
