"""Confidential case reviews (個別ケース検討会議・支援会議), consents (同意) and referrals
(つなぐシート). Plain models, never pages or snippets: nothing here is searchable, listed or
served except through network.cases.views_admin, which asks tenants.access and logs every read.

Free text is encrypted at rest (tenants.crypto). There is no field for a person's name; a case
is known by its generated pseudonymous code."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition

from tenants.crypto import EncryptedTextField
from tenants.fsm import guard
from tenants.scoping import scoped_manager
from tenants.storage import private_storage

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud in meetings


class Category(models.TextChoices):
    """The consultation themes of the intake forms (seed 003)."""
    WORK = "work", _("Work (仕事)")
    INCOME = "income", _("Income and living costs (収入・生活費)")
    HOUSING = "housing", _("Housing (住まい)")
    HEALTH = "health", _("Health (健康)")
    MIND = "mind", _("Mental health (こころ)")
    CARE = "care", _("Nursing care (介護)")
    CHILDCARE = "childcare", _("Child raising (子育て)")
    WITHDRAWAL = "withdrawal", _("Withdrawal and school refusal (ひきこもり・不登校)")
    RELATIONS = "relations", _("Family and personal relations (家族関係・人間関係)")
    COMMUNITY = "community", _("Relations with the community (地域との関係)")
    ABUSE = "abuse", _("Domestic violence and abuse (DV・虐待)")
    OTHER = "other", pgettext_lazy("case category", "Other")


class ShareItem(models.TextChoices):
    """What a consent may cover and a referral may pass on."""
    BASICS = "basics", _("Age group, household and area")
    CONSULTATION = "consultation", _("What the consultation is about")
    HISTORY = "history", _("Support so far")
    HEALTH = "health", _("Health and medical information")
    FAMILY = "family", _("Family situation")
    CONTACT = "contact", _("How to contact the person")


def new_case_code(municipality):
    """A code that says nothing about the person: the municipality's code and 6 random letters."""
    return f"{municipality.code[:5]}-{''.join(secrets.choice(CODE_ALPHABET) for _ in range(6))}"


class CaseReview(models.Model):
    class LegalBasis(models.TextChoices):
        SUPPORT_MEETING = "support_meeting", _(
            "Support meeting under the Social Welfare Act (art. 106-6): members may share information "
            "without consent and are bound to secrecy")
        CONSENT = "consent", _("Consent of the person or family: only what the consent covers may be shared")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("case status", "Open")
        CLOSED = "closed", pgettext_lazy("case status", "Closed")

    municipality = models.ForeignKey("tenants.Municipality", verbose_name=_("municipality"),
                                     on_delete=models.PROTECT, related_name="case_reviews")
    code = models.CharField(_("case code"), max_length=20, unique=True, editable=False)
    held_on = models.DateField(_("date of the review"))
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices)
    categories = models.JSONField(_("categories"), default=list)
    summary = EncryptedTextField(_("situation summary"), blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = scoped_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("case review")
        verbose_name_plural = _("case reviews")
        constraints = [
            models.CheckConstraint(condition=Q(status="open", closed_on__isnull=True)
                                   | Q(status="closed", closed_on__isnull=False), name="case_closed_has_date"),
        ]

    def __str__(self):
        return self.code

    def category_labels(self):
        labels = dict(Category.choices)
        return [labels.get(value, value) for value in self.categories]


class AgreedAction(models.Model):
    case = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="actions")
    member = models.ForeignKey("network.PlatformMembership", verbose_name=_("organisation"),
                               on_delete=models.PROTECT, related_name="+")
    action = EncryptedTextField(_("agreed action"))
    due_on = models.DateField(_("due date"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")


class Consent(models.Model):
    class GivenBy(models.TextChoices):
        PERSON = "person", _("The person (本人)")
        FAMILY = "family", _("A family member (家族)")

    class Method(models.TextChoices):
        SIGNED_FORM = "signed_form", _("Signed form")
        VERBAL = "verbal", _("Verbal, recorded by staff")

    case = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="consents")
    given_by = models.CharField(_("given by"), max_length=10, choices=GivenBy.choices)
    items = models.JSONField(_("information covered"), default=list)
    recipients = models.ManyToManyField("network.PlatformMembership", verbose_name=_("receiving organisations"),
                                        related_name="+")
    purpose = EncryptedTextField(_("purpose"))
    given_on = models.DateField(_("date of consent"))
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    scan = models.FileField(_("scan of the signed form"), storage=private_storage, upload_to="consents/%Y/",
                            blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_note = EncryptedTextField(_("withdrawal note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+", editable=False)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.case.code} {self.get_given_by_display()} {self.given_on:%Y-%m-%d}"

    @property
    def is_active(self):
        return self.withdrawn_on is None

    def item_labels(self):
        labels = dict(ShareItem.choices)
        return [labels.get(value, value) for value in self.items]


@guard(_("Give a reason."))
def reason_given(referral):
    return bool(referral.note.strip())


class Referral(models.Model):
    """A case handed from one platform member to another. Its states are a django-fsm-2 machine
    (sent → received → accepted / declined → closed); network.cases.services.referrals.transition()
    is the only caller of the transitions and decides which side may take each."""

    class State(models.TextChoices):
        SENT = "sent", pgettext_lazy("referral state", "Sent")
        RECEIVED = "received", pgettext_lazy("referral state", "Received")
        ACCEPTED = "accepted", pgettext_lazy("referral state", "Accepted")
        DECLINED = "declined", pgettext_lazy("referral state", "Declined")
        CLOSED = "closed", pgettext_lazy("referral state", "Closed")

    case = models.ForeignKey(CaseReview, on_delete=models.PROTECT, related_name="referrals")
    consent = models.ForeignKey(Consent, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals")
    from_member = models.ForeignKey("network.PlatformMembership", verbose_name=_("from"),
                                    on_delete=models.PROTECT, related_name="referrals_sent")
    to_member = models.ForeignKey("network.PlatformMembership", verbose_name=_("to"),
                                  on_delete=models.PROTECT, related_name="referrals_received")
    items = models.JSONField(_("information shared"), default=list)
    message = EncryptedTextField(_("what is handed over"))
    state = FSMField(_("state"), max_length=10, choices=State.choices, default=State.SENT)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self):
        return f"{self.case.code} → {self.to_member}"

    # The note of the step being taken, set by the service for the guards (it is stored on the
    # ReferralHistory row, not here).
    note = ""

    def item_labels(self):
        labels = dict(ShareItem.choices)
        return [labels.get(value, value) for value in self.items]

    @transition(state, source=[State.SENT], target=State.RECEIVED)
    def receive(self):
        pass

    @transition(state, source=[State.SENT, State.RECEIVED], target=State.ACCEPTED)
    def accept(self):
        pass

    @transition(state, source=[State.SENT, State.RECEIVED], target=State.DECLINED, conditions=[reason_given])
    def decline(self):
        pass

    @transition(state, source=[State.ACCEPTED, State.DECLINED], target=State.CLOSED)
    def close(self):
        pass


class ReferralHistory(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    from_state = models.CharField(max_length=10)
    to_state = models.CharField(max_length=10)
    note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    @property
    def to_state_label(self):
        """The state as staff read it (受付済み), not its stored value."""
        return dict(Referral.State.choices).get(self.to_state, self.to_state)


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The case access log is append-only.")

    def delete(self):
        raise PermissionError("The case access log is append-only.")


class CaseAccessLog(models.Model):
    """Who read, changed or exported which case record, when. Append-only: the application never
    updates or deletes a row (and PostgreSQL refuses it with a trigger). The case is kept by id and
    code, not a foreign key, so anonymising a case never touches its log."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CREATE = "create", _("Created")
        CHANGE = "change", _("Changed")
        EXPORT = "export", _("Exported")
        DOWNLOAD = "download", _("Downloaded a document")
        SHARE = "share", _("Shared or referred")
        PARTICIPANTS = "participants", _("Changed participants")
        ANONYMISE = "anonymise", _("Anonymised")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True,
                             on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    username = models.CharField(max_length=150, blank=True)
    municipality = models.ForeignKey("tenants.Municipality", on_delete=models.DO_NOTHING,
                                     db_constraint=False, related_name="+")
    case_id_ref = models.PositiveIntegerField(db_index=True)
    case_code = models.CharField(_("case code"), max_length=20)
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    objects = scoped_manager(AppendOnlyQuerySet)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("case access log entry")
        verbose_name_plural = _("case access log")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The case access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The case access log is append-only.")
