"""Councils and meetings of a municipality's platform, as pages in its subtree, and the Support
Net's own Tokyo-wide ones (推進会議, 連絡会) in the same shape under the portal home:

  /<municipality>/kaigi/                 CouncilIndexPage  (会議・協議会; one per municipality)
  /<municipality>/kaigi/<council>/       CouncilPage       (協議会・ネットワーク会議・部会・連絡会)
  /<municipality>/kaigi/<council>/<n>/   MeetingPage       (第N回: date, place, agenda, minutes, documents)
  /kaigi/…                               the same three, Tokyo-wide (public only: Tokyo has no
                                         platform members to restrict them to)

Everything below the index goes through the 会議録の公開審査 workflow, which
network.councils.services assigns to every index page when it is saved: municipal coordinators
write and submit, the approvers publish. A council or meeting marked members-only carries a
Wagtail page view restriction for the municipality's members (network.models.moderation); its
documents must come from the members-only collection.

Lists ask the page querysets, e.g. MeetingPage.objects.live().in_municipality(m).upcoming()
.readable_by(request): the meetings not yet over that the visitor could open."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from tenants import access, jpsearch

from ..blocks import MeetingDocumentBlock, MinutesBlock
from .moderation import (
    TOKYO_IS_PUBLIC, MembersOnlyPage, MembersOnlyPageQuerySet, ModeratedPage, documents_outside_members_collection,
)

# Meetings last hours, not days: one that started longer ago than this is over.
LONGEST_MEETING = datetime.timedelta(hours=12)


class CouncilIndexPage(ModeratedPage):
    """会議・協議会: the municipality's councils and their upcoming meetings, and the iCal feed."""

    moderated = False  # the index itself is a plain listing; what is below it is moderated
    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["cms.MunicipalityPage", "cms.HomePage"]
    subpage_types = ["network.CouncilPage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("councils and meetings page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["councils"] = CouncilPage.objects.child_of(self).live().readable_by(request)
        context["upcoming"] = MeetingPage.objects.live().descendant_of(self).upcoming().readable_by(request)
        return context


class CouncilMaterialForm(WagtailAdminPageForm):
    """Members are chosen among the municipality's own platform members only, and a members-only
    meeting may attach only members-only documents (a new page has no path yet, so the
    municipality comes from the parent)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .platforms import PlatformMembership

        page = self.instance if self.instance.pk else self.parent_page
        self.municipality = access.municipality_of_page(page) if page is not None else None
        if "members" in self.fields:
            self.fields["members"].queryset = PlatformMembership.objects.filter(
                municipality=self.municipality).select_related("organisation")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("members_only") and self.municipality is None:
            self.add_error("members_only", TOKYO_IS_PUBLIC)
        if cleaned.get("members_only") and "documents" in cleaned and self.municipality is not None:
            exposed = documents_outside_members_collection(cleaned["documents"], self.municipality)
            if exposed:
                self.add_error("documents", _(
                    "A members-only meeting can only attach documents from the members-only "
                    "collection: %(titles)s") % {"titles": "、".join(exposed)})
        return cleaned


class CouncilPage(MembersOnlyPage):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council (協議会)")
        PROMOTION = "promotion", _("Promotion meeting (推進会議)")
        NETWORK = "network", _("Network meeting (ネットワーク会議)")
        SUBCOMMITTEE = "subcommittee", _("Subcommittee (部会)")
        LIAISON = "liaison", _("Liaison meeting (連絡会)")
        OTHER = "other", pgettext_lazy("council kind", "Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COUNCIL)
    purpose = models.TextField(_("purpose"), blank=True)
    members = ParentalManyToManyField("network.PlatformMembership", verbose_name=_("member organisations"),
                                      blank=True, related_name="councils")
    other_members = models.TextField(_("other members"), blank=True,
                                     help_text=_("One per line, e.g. 学識経験者 ○○大学 教授"))
    cadence = models.CharField(_("how often it meets"), max_length=100, blank=True,
                               help_text=_("e.g. 年2回（6月・2月）"))

    base_form_class = CouncilMaterialForm
    parent_page_types = ["network.CouncilIndexPage"]
    subpage_types = ["network.MeetingPage"]
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("cadence")]),
        FieldPanel("purpose"),
        FieldPanel("members", widget=forms.CheckboxSelectMultiple),
        FieldPanel("other_members"),
        FieldPanel("members_only"),
    ]
    search_fields = Page.search_fields + [index.SearchField("search_text")]

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def search_text(self):
        return jpsearch.index_text(self.title, self.purpose)

    @property
    def other_member_lines(self):
        return [line.strip() for line in self.other_members.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        meetings = MeetingPage.objects.child_of(self).live().order_by("starts_at").readable_by(request)
        context["upcoming"] = [m for m in meetings if m.is_upcoming(now)]
        context["past"] = [m for m in reversed(meetings) if not m.is_upcoming(now)]
        context["member_list"] = self.members.select_related("organisation").order_by("role", "pk")
        return context


class MeetingPageQuerySet(MembersOnlyPageQuerySet):
    def in_municipality(self, municipality, root_page=None):
        """Meetings in the municipality's subtree (`root_page`, its page, saves a query when the
        caller has it)."""
        if municipality is None or municipality.root_page_id is None:
            return self.none()
        return self.descendant_of(root_page or municipality.root_page)

    def starting_since(self, moment):
        return self.filter(starts_at__gte=moment).order_by("starts_at", "pk")

    def upcoming(self, now=None):
        """Meetings not yet over (MeetingPage.is_upcoming), soonest first."""
        now = now or timezone.now()
        return (self.starting_since(now - LONGEST_MEETING)
                .filter(Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now)))


class MeetingPage(MembersOnlyPage):
    number = models.PositiveSmallIntegerField(_("meeting number"), help_text=_("3 for 第3回"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("held online"), default=False)
    online_url = models.URLField(_("online meeting address"), blank=True,
                                 help_text=_("Shown to whoever can open this page."))
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("One item per line."))
    attendees = models.TextField(_("attendees"), blank=True,
                                 help_text=_("One per line: organisation and position (and name if agreed)."))
    minutes = StreamField(MinutesBlock(), verbose_name=_("minutes"), blank=True)
    documents = StreamField([("document", MeetingDocumentBlock())], verbose_name=pgettext_lazy("meeting", "documents"), blank=True)

    objects = PageManager.from_queryset(MeetingPageQuerySet)()

    base_form_class = CouncilMaterialForm
    parent_page_types = ["network.CouncilPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("number"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        MultiFieldPanel([FieldPanel("place"), FieldPanel("online"), FieldPanel("online_url")],
                        heading=_("Where")),
        FieldPanel("agenda"),
        FieldPanel("attendees"),
        FieldPanel("documents"),
        FieldPanel("minutes"),
        FieldPanel("members_only"),
    ]
    search_fields = Page.search_fields + [index.SearchField("search_text")]

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]

    @property
    def ordinal(self):
        return f"第{self.number}回"

    @property
    def agenda_items(self):
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]

    @property
    def attendee_lines(self):
        return [line.strip() for line in self.attendees.splitlines() if line.strip()]

    def is_upcoming(self, now=None):
        return (self.ends_at or self.starts_at) >= (now or timezone.now())

    def search_text(self):
        minutes = " ".join(self.minutes.stream_block.get_searchable_content(self.minutes)) if self.minutes else ""
        return jpsearch.index_text(self.title, self.agenda, strip_tags(minutes))

    def clean(self):
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
