"""News across the portal: one query for the aggregated list, its filters and the feeds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.models import Municipality


def published_news():
    from .models import NewsPage

    return NewsPage.objects.live().public().order_by("-date", "-pk")


def news_of(municipality=None, category=None):
    """Published news, optionally of one municipality's space and/or one category."""
    items = published_news()
    if municipality is not None:
        items = items.descendant_of(municipality.root_page)
    if category:
        items = items.filter(category=category)
    return items


def attach_municipalities(items):
    """Label each news item with the municipality whose space holds it (one query)."""
    roots = {m.root_page.path: m for m in Municipality.objects.select_related("root_page")
             if m.root_page_id}
    depth = len(next(iter(roots), "")) or 0
    for item in items:
        item.municipality = roots.get(item.path[:depth]) if depth else None
    return items


class NewsFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        from .models import NewsPage

        super().__init__(*args, **kwargs)
        self.fields["category"] = forms.ChoiceField(
            label=_("Category"), required=False,
            choices=[("", _("All categories"))] + list(NewsPage.Category.choices))
        self.fields["municipality"] = forms.ModelChoiceField(
            label=_("Municipality"), required=False, queryset=Municipality.objects.all(),
            to_field_name="slug", empty_label=_("All municipalities"))
