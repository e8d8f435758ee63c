"""RSS and Atom feeds of published news: the whole portal, or one municipality."""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from tenants.models import Municipality

from .models import NewsPage


class NewsFeed(Feed):
    def get_object(self, request, slug=None):
        self.site_root = request.build_absolute_uri("/")
        return get_object_or_404(Municipality, slug=slug) if slug else None

    def title(self, municipality):
        if municipality:
            return _("%(name)s news — Tokyo Hikikomori Support Net") % {"name": municipality.name}
        return _("News — Tokyo Hikikomori Support Net")

    def link(self, municipality):
        return municipality.root_page.url if municipality else "/news/"

    def description(self, municipality):
        return self.title(municipality)

    def items(self, municipality):
        return NewsPage.objects.of(municipality)[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        """The news date staff gave the item (midnight JST), not when the page first went live:
        an item entered late or re-dated still reads as of its own day."""
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_category_display()]


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
