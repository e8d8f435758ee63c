"""News across the portal: the aggregated list's filter form and its municipality labels (the
queries are NewsPage.objects.published() / .of())."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.models import Municipality


def attach_municipalities(items):
    """Label each news item with the municipality whose space holds it (one query)."""
    roots = {m.root_page.path: m for m in Municipality.objects.select_related("root_page")
             if m.root_page_id}
    depth = len(next(iter(roots), "")) or 0
    for item in items:
        item.municipality = roots.get(item.path[:depth]) if depth else None
    return items


class NewsFilterForm(forms.Form):
    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"] = forms.ChoiceField(
            label=_("Category"), required=False,
            choices=[("", _("All categories"))] + list(categories))
        self.fields["municipality"] = forms.ModelChoiceField(
            label=_("Municipality"), required=False, queryset=Municipality.objects.all(),
            to_field_name="slug", empty_label=_("All municipalities"))
