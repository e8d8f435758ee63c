"""Organisations of the support network and the public support directory (支援団体一覧)."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import (
    DraftStateMixin, LockableMixin, Orderable, PreviewableMixin, RevisionMixin, WorkflowMixin,
)
from wagtail.search import index

from tenants import jpsearch
from tenants.phones import PhoneNumberField

from .lists import SeededList


class SupportType(SeededList):
    """相談・支援, 訪問, 居場所・フリースペース, …: seeded by migration."""

    class Meta(SeededList.Meta):
        verbose_name = _("support type")
        verbose_name_plural = _("support types")


class Organisation(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin,
                   index.Indexed, ClusterableModel):
    """A group's public profile. Its editors (django-guardian grants, see
    network.profiles.services) save drafts and submit them; the review workflow's approval
    publishes. The database row always holds the live version: drafts live only in revisions, so
    public views read the row."""

    class Kind(models.TextChoices):
        PRIVATE = "private", _("Private support group")
        FAMILY = "family", _("Family association")
        PEER = "peer", _("Peer group")
        PUBLIC = "public", _("Public body")
        YOUTH_STATION = "youth_station", _("Youth support station")
        SOCIAL_WELFARE_COUNCIL = "swc", _("Social welfare council")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150)
    name_kana = models.CharField(_("reading (hiragana)"), max_length=200,
                                 help_text=_("Used for 五十音 order, e.g. そだてあげねっと."))
    legal_form = models.CharField(_("legal form"), max_length=60, blank=True,
                                  help_text=_("e.g. 特定非営利活動法人, 一般社団法人, 任意団体"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PRIVATE)
    support_types = ParentalManyToManyField(SupportType, verbose_name=_("support types"), blank=True,
                                            related_name="organisations")
    for_person = models.BooleanField(_("for the person concerned"), default=False)
    for_family = models.BooleanField(_("for families"), default=False)
    for_supporters = models.BooleanField(_("for supporters"), default=False)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True,
                                               validators=[MaxValueValidator(120)])
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True,
                                               validators=[MaxValueValidator(120)])
    base_municipality = models.ForeignKey(
        "tenants.Municipality", verbose_name=_("base municipality"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="based_organisations")
    municipalities_served = ParentalManyToManyField(
        "tenants.Municipality", verbose_name=_("municipalities served"), blank=True,
        related_name="served_by")
    activity_days = models.CharField(_("activity days"), max_length=200, blank=True)
    activity_places = models.CharField(_("activity places"), max_length=200, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    url = models.URLField(_("web site"), blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True, editable=False)
    logo = models.ForeignKey("wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True, editable=False,
                                        help_text=_("When the group last confirmed or updated its profile."))
    # The group's own space: its editors (a Django group holding the guardian grants) and the
    # collection for its logo and photos. Created by network.profiles.services.ensure_editor_space.
    editors_group = models.OneToOneField("auth.Group", null=True, blank=True, editable=False,
                                         on_delete=models.SET_NULL, related_name="edited_organisation")
    collection = models.OneToOneField("wagtailcore.Collection", null=True, blank=True, editable=False,
                                      on_delete=models.SET_NULL, related_name="organisation")

    search_fields = [
        index.SearchField("search_text"),
        index.AutocompleteField("name"),
        index.FilterField("live"),
        # The tenant-safe listing and chooser narrow searches by id (tenants.viewsets).
        index.FilterField("id"),
    ]

    class Meta:
        ordering = ["name_kana", "pk"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_age__isnull=True) | models.Q(max_age__isnull=True)
                | models.Q(min_age__lte=models.F("max_age")),
                name="organisation_age_range_ordered",
            ),
        ]

    def editors(self):
        """Active users who edit this organisation's profile, by name."""
        from django.contrib.auth import get_user_model

        return (get_user_model().objects.filter(is_active=True, groups__edited_organisation=self.pk)
                .order_by("last_name", "first_name", "username"))

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # ClusterableModel commits support_types after post_save has indexed the row, so the
        # index would miss the types until the next save; index the final state. Read it back
        # from the database: saving a draft leaves the draft's values on this instance but writes
        # only the revision pointers, and the index must never see a draft.
        live_row = type(self)._default_manager.filter(pk=self.pk).first()
        if live_row is not None:
            index.insert_or_update_object(live_row)

    def get_preview_template(self, request, mode_name):
        return "network/organisation_detail.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["organisation"] = self
        context["preview"] = True
        return context

    def search_text(self):
        """Japanese bigrams of what people search for (see tenants.jpsearch)."""
        types = " ".join(t.name for t in self.support_types.all()) if self.pk else ""
        return jpsearch.index_text(self.name, self.name_kana, self.get_kind_display(), types,
                                   self.activity_places, self.description)

    @property
    def audiences(self):
        labels = [(self.for_person, _("the person concerned")), (self.for_family, _("families")),
                  (self.for_supporters, _("supporters"))]
        return [label for flag, label in labels if flag]


class OrganisationPhoto(Orderable):
    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("photo"), on_delete=models.CASCADE,
                              related_name="+")
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
