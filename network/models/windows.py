"""Consultation windows (相談窓口): each municipality keeps its own, with drafts and history."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin
from wagtail.search import index

from tenants.phones import PhoneNumberField
from tenants.scoping import scoped_manager

from .lists import SeededList


class ConsultationMethod(SeededList):
    """電話, 来所, 訪問, メール, オンライン, LINE, 相談フォーム: seeded by migration."""

    class Meta(SeededList.Meta):
        verbose_name = _("consultation method")
        verbose_name_plural = _("consultation methods")


class ConsultationWindowQuerySet(models.QuerySet):
    def live(self):
        """What the public may see: published windows only."""
        return self.filter(live=True)


class ConsultationWindow(DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    municipality = models.ForeignKey("tenants.Municipality", verbose_name=_("municipality"),
                                     on_delete=models.PROTECT, related_name="consultation_windows")
    name = models.CharField(_("window name"), max_length=120)
    department = models.CharField(_("department"), max_length=120, blank=True)
    run_by_contractor = models.BooleanField(_("run by a contractor (委託先)"), default=False)
    contractor = models.CharField(_("contractor"), max_length=120, blank=True)
    target = models.CharField(_("who can consult"), max_length=200, blank=True,
                              help_text=_("In plain words, e.g. 年齢制限なし, 区内在住の本人・家族."))
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True,
                                               validators=[MaxValueValidator(120)])
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True,
                                               validators=[MinValueValidator(1), MaxValueValidator(120)])
    methods = ParentalManyToManyField(ConsultationMethod, verbose_name=_("consultation methods"),
                                      blank=True, related_name="windows")
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    url = models.URLField(_("web page"), blank=True)
    accepts_visit_applications = models.BooleanField(
        _("takes applications for Support Net home visits (訪問相談受付窓口)"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order within the municipality"), default=0)
    source = models.CharField(_("source"), max_length=200, blank=True, editable=False)

    objects = scoped_manager(ConsultationWindowQuerySet)

    search_fields = [
        index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("department"),
        index.SearchField("target"),
        index.FilterField("municipality"), index.FilterField("live"),
        # The tenant-safe listing and chooser narrow searches by id (tenants.viewsets).
        index.FilterField("id"),
    ]

    class Meta:
        ordering = ["municipality__code", "sort_order", "pk"]
        verbose_name = _("consultation window")
        verbose_name_plural = _("consultation windows")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_age__isnull=True) | models.Q(max_age__isnull=True)
                | models.Q(min_age__lte=models.F("max_age")),
                name="window_age_range_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.municipality} {self.name}"

    def clean(self):
        super().clean()
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValidationError({"max_age": _("The maximum age must not be below the minimum age.")})
        if self.run_by_contractor and not self.contractor:
            raise ValidationError({"contractor": _("Name the contractor that runs this window.")})

    def serves_age(self, age):
        return (self.min_age is None or self.min_age <= age) and (self.max_age is None or age <= self.max_age)
