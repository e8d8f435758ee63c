"""A municipality select for public forms that stays cheap at any number of municipalities:
options grouped by area (Tokyo's 区部 / 多摩 / 島しょ) or, outside Tokyo, by prefecture, read as
plain tuples in one query and written in one pass. Django's Select renders each option through
a template and ModelChoiceField builds a model per option: with 1,741 municipalities that was
17 % of the directory's time (docs/performance.md, "Profiles (issue 19)")."""

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html, format_html_join

from .codes import PREFECTURES, TOKYO
from .models import Municipality


def tokyo_first(queryset):
    """Tokyo's municipalities first (this is Tokyo's portal), then the others, each in code order."""
    return queryset.annotate(tokyo_first=Case(When(code__startswith=TOKYO, then=Value(0)), default=Value(1),
                                              output_field=IntegerField())).order_by("tokyo_first", "code")


def group_label(code, area):
    """区部 / 多摩 / 島しょ for Tokyo, the prefecture's name elsewhere."""
    if code.startswith(TOKYO):
        return Municipality.Area(area).label if area in Municipality.Area.values else PREFECTURES[TOKYO]
    return PREFECTURES.get(code[:2], code[:2])


def grouped_options(value_field="slug"):
    """[(group label, [(value, name), ...]), ...] in tokyo_first order, from one query."""
    groups = []
    rows = tokyo_first(Municipality.objects.all()).values_list(value_field, "name", "code", "area")
    for value, name, code, area in rows:
        label = group_label(code, area)
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        groups[-1][1].append((str(value), name))
    return groups


class MunicipalitySelect(forms.Select):
    """Renders the grouped options itself; the field's empty label comes first."""

    def render(self, name, value, attrs=None, renderer=None):
        field = self.choices.field
        selected = {str(v) for v in self.format_value(value)}
        empty = format_html('<option value="">{}</option>', field.empty_label) if field.empty_label is not None else ""
        groups = format_html_join("", '<optgroup label="{}">{}</optgroup>', (
            (label, format_html_join("", '<option value="{}"{}>{}</option>', (
                (option, " selected" if option in selected else "", text) for option, text in options)))
            for label, options in grouped_options(field.to_field_name or "pk")))
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        return format_html("<select{}>{}{}</select>", forms.utils.flatatt(final_attrs), empty, groups)


class MunicipalityChoiceField(forms.ModelChoiceField):
    """ModelChoiceField over every municipality with the cheap grouped select; the chosen value
    is still checked against the database (one query)."""

    widget = MunicipalitySelect

    def __init__(self, queryset=None, **kwargs):
        super().__init__(Municipality.objects.all() if queryset is None else queryset, **kwargs)
