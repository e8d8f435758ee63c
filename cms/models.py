"""Portal page types: the Tokyo-wide home, standard pages, municipal space roots and news."""

from django.db import models
from django.utils.html import strip_tags
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from network.models import ConsultationWindow, MeetingPage
from network.models.platforms import public_members
from tenants import jpsearch, scoping
from tenants.models import Municipality
from training.models import Event

from .blocks import BodyBlock


class ContentPage(Page):
    """Abstract base: an introduction and a body of headings and paragraphs."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"), index.SearchField("body"), index.SearchField("search_text"),
    ]

    class Meta:
        abstract = True

    def search_text(self):
        """Japanese bigrams of the title, introduction and body (see tenants.jpsearch)."""
        body = " ".join(self.body.stream_block.get_searchable_content(self.body)) if self.body else ""
        return jpsearch.index_text(self.title, self.intro, strip_tags(body))


class HomePage(ContentPage):
    """The portal home (東京都ひきこもりサポートネット). One per site."""

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    # network.CouncilIndexPage: the Support Net's own 推進会議 and 連絡会 (Tokyo-wide councils)
    subpage_types = ["cms.StandardPage", "cms.MunicipalityPage", "cms.NewsIndexPage", "network.CouncilIndexPage"]

    class Meta:
        verbose_name = _("portal home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        municipalities = Municipality.objects.select_related("root_page")
        context["areas"] = [
            (label, [m for m in municipalities if m.area == value])
            for value, label in Municipality.Area.choices
        ]
        context["sections"] = self.get_children().live().public().type(StandardPage).specific()
        context["news"] = NewsPage.objects.live().public().order_by("-date", "-pk")[:5]
        context["councils_page"] = (self.get_children().live().public()
                                    .filter(content_type__app_label="network", content_type__model="councilindexpage")
                                    .first())
        return context


class StandardPage(ContentPage):
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class MunicipalityPage(ContentPage):
    """The root of a municipality's space (/shinjuku/). Created only by bootstrap_tokyo, which
    links it to its Municipality; coordinators edit its text and everything below it."""

    is_creatable = False
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StandardPage", "cms.NewsIndexPage", "network.CouncilIndexPage"]

    class Meta:
        verbose_name = _("municipality page")

    @cached_property
    def municipality(self):
        return Municipality.objects.filter(root_page_id=self.pk).first()

    def serve(self, request, *args, **kwargs):
        """One municipality's page (and its preview) reads that municipality's windows, members
        and events only, and Tokyo-wide events (tenants/scoping.py)."""
        with scoping.scope([self.municipality] if self.municipality else []):
            return scoping.rendered(super().serve(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["municipality"] = self.municipality
        context["windows"] = ConsultationWindow.objects.live().filter(
            municipality=self.municipality).prefetch_related("methods")
        context["subpages"] = self.get_children().live().public().specific()
        context["news"] = (
            NewsPage.objects.live().public().descendant_of(self).order_by("-date", "-pk")[:5]
        )
        if self.municipality is not None:
            context["members"] = public_members(self.municipality)
            context["events"] = Event.objects.public(self.municipality.slug)[:5]
            meetings = MeetingPage.objects.live().in_municipality(self.municipality, root_page=self).upcoming()
            context["meetings"] = meetings.readable_by(request)[:5]
        return context


class NewsIndexPage(ContentPage):
    parent_page_types = ["cms.HomePage", "cms.MunicipalityPage"]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("news index page")

    def get_context(self, request, *args, **kwargs):
        """The portal's index aggregates every municipality's news and filters it; a
        municipality's index lists its own."""
        from django.core.paginator import Paginator

        from . import news

        context = super().get_context(request, *args, **kwargs)
        owner = Municipality.objects.filter(root_page_id=self.get_parent().pk).first()
        if owner is None:
            form = news.NewsFilterForm(request.GET or None, categories=NewsPage.Category.choices)
            filters = form.cleaned_data if form.is_valid() else {}
            items = NewsPage.objects.of(filters.get("municipality"), filters.get("category"))
            context.update(filter_form=form, feed_municipality=filters.get("municipality"))
        else:
            items = NewsPage.objects.of(owner)
            context["feed_municipality"] = owner
        page = Paginator(items, 20).get_page(request.GET.get("page"))
        page.object_list = news.attach_municipalities(page.object_list)
        query = request.GET.copy()
        query.pop("page", None)
        context.update(items=page, page_obj=page, query=query.urlencode())
        return context


class NewsPageQuerySet(PageQuerySet):
    def public(self):
        """Wagtail's public() reads every view restriction in its own query; this asks the same
        (no restricted page is this page or its ancestor) inside the list's one query."""
        from django.db.models import Exists, F, OuterRef
        from django.db.models.functions import Length, Substr
        from wagtail.models import PageViewRestriction

        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length(F("page__path"))))
        return self.exclude(Exists(restricted))

    def published(self):
        return self.live().public().order_by("-date", "-pk")

    def of(self, municipality=None, category=None):
        """Published news, optionally of one municipality's space and/or one category."""
        items = self.published()
        if municipality is not None:
            items = items.descendant_of(municipality.root_page)
        if category:
            items = items.filter(category=category)
        return items


class NewsPage(ContentPage):
    class Category(models.TextChoices):
        SUPPORT_NET = "supportnet", _("Support Net")
        MUNICIPALITY = "municipality", _("Municipalities")
        PARTNER = "partner", _("Private support groups")
        EVENT = "event", _("Related events")

    date = models.DateField(_("date"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []
    content_panels = ContentPage.content_panels[:1] + [
        FieldPanel("date"), FieldPanel("category"),
    ] + ContentPage.content_panels[1:]

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
