"""News across the portal: the aggregated list's filter form and its municipality labels (the
queries are NewsPage.objects.published() / .of())."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from tenants.models import Municipality
from tenants.municipality_choice import MunicipalityChoiceField


def attach_municipalities(items):
    """Label each news item with the municipality whose space holds it: one query for the
    municipalities whose root page is an ancestor of an item on this page, never all of them."""
    items = list(items)
    ancestors = {item.path[:end] for item in items for end in range(Page.steplen, len(item.path), Page.steplen)}
    roots = {m.root_page.path: m for m in Municipality.objects.filter(root_page__path__in=ancestors)
             .select_related("root_page").only("name", "slug", "root_page__path")} if ancestors else {}
    for item in items:
        item.municipality = next((roots[item.path[:end]] for end in range(Page.steplen, len(item.path), Page.steplen)
                                  if item.path[:end] in roots), None)
    return items


class NewsFilterForm(forms.Form):
    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"] = forms.ChoiceField(
            label=_("Category"), required=False,
            choices=[("", _("All categories"))] + list(categories))
        self.fields["municipality"] = MunicipalityChoiceField(
            label=_("Municipality"), required=False, to_field_name="slug",
            empty_label=_("All municipalities"))
