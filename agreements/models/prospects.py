"""Candidates on their way to a partnership (連携団体): the onboarding pipeline (django-fsm-2
stages with guards that carry their Japanese message), files gathered about them, the history
of stage changes and site visits (現地確認)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, transition
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from tenants.fsm import guard
from tenants.storage import private_storage
from tenants.uploads import UploadValidator

from .agreements import Agreement



@guard(_("Record the site visit first (date, coordinators, attending cooperating group)."))
def has_site_visit(prospect):
    return prospect.site_visits.exists()


@guard(_("An agreement can be drafted only after a site visit that passed."))
def has_passed_site_visit(prospect):
    return prospect.site_visits.filter(result=SiteVisit.Result.PASS).exists()


@guard(_("A partner needs a signed agreement with its signing date, start date and document."))
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

    prospect = models.ForeignKey(Prospect, verbose_name=_("prospect"), on_delete=models.CASCADE,
                                 related_name="site_visits")
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
