"""Filters of the public support directory (django-filter)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.models import Municipality
from tenants.municipality_choice import MunicipalityChoiceField
from tenants.search_backend import PUBLIC_QUERY_LENGTH

from ..models import Organisation, SupportType
from ..models.ages import serving_age
from ..partners import partner_q


def served(**condition):
    return Organisation.municipalities_served.through.objects.filter(organisation=OuterRef("pk"), **condition)


def typed(**condition):
    return Organisation.support_types.through.objects.filter(organisation=OuterRef("pk"), **condition)


class MunicipalityFilter(django_filters.ModelChoiceFilter):
    field_class = MunicipalityChoiceField


class OrganisationFilter(django_filters.FilterSet):
    """Filters of the public support directory; combinable, and shareable as URLs."""

    AUDIENCES = [("person", _("The person concerned")), ("family", _("Families")),
                 ("supporters", _("Supporters"))]

    q = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword", max_length=PUBLIC_QUERY_LENGTH)
    municipality = MunicipalityFilter(
        label=_("Municipality"), queryset=Municipality.objects.all(), to_field_name="slug",
        method="filter_municipality", empty_label=_("All municipalities"))
    area = django_filters.ChoiceFilter(label=_("Area"), choices=Municipality.Area.choices,
                                       method="filter_area", empty_label=_("All areas"))
    support_type = django_filters.ModelChoiceFilter(
        label=_("Type of support"), to_field_name="code", method="filter_support_type",
        queryset=SupportType.objects.all(), empty_label=_("Any type"))
    audience = django_filters.ChoiceFilter(label=_("For"), choices=AUDIENCES, method="filter_audience",
                                           empty_label=pgettext_lazy("audience", "Anyone"))
    age = django_filters.NumberFilter(label=_("Age of the person concerned"), method="filter_age",
                                      widget=forms.NumberInput(attrs={"min": 0, "max": 120}))
    online = django_filters.BooleanFilter(label=_("Online support"), widget=forms.CheckboxInput,
                                          method="filter_online")
    partner = django_filters.BooleanFilter(label=_("Tokyo partner groups (連携団体) only"),
                                           widget=forms.CheckboxInput, method="filter_partner")

    class Meta:
        model = Organisation
        fields = []

    def filter_keyword(self, queryset, name, value):
        from tenants import jpsearch

        if not value.strip():
            return queryset
        ids = jpsearch.matching_ids(Organisation.objects.filter(live=True), value, fallback_fields=("name",))
        return queryset.filter(pk__in=ids)

    # The many-to-many conditions are EXISTS subqueries, not joins: a join repeats an organisation
    # per matching row, which needed DISTINCT on the list and its count (about 120 ms at
    # national scale, docs/performance.md).
    def filter_municipality(self, queryset, name, value):
        return queryset.filter(Q(base_municipality=value) | Q(Exists(served(municipality=value))))

    def filter_area(self, queryset, name, value):
        return queryset.filter(Q(base_municipality__area=value) | Q(Exists(served(municipality__area=value))))

    def filter_support_type(self, queryset, name, value):
        return queryset.filter(Exists(typed(supporttype=value))) if value else queryset

    def filter_audience(self, queryset, name, value):
        return queryset.filter(**{f"for_{value}": True})

    def filter_age(self, queryset, name, value):
        return serving_age(queryset, value)

    def filter_online(self, queryset, name, value):
        return queryset.filter(Exists(typed(supporttype__code="online"))) if value else queryset

    def filter_partner(self, queryset, name, value):
        partners = Organisation.objects.filter(pk=OuterRef("pk")).filter(partner_q())
        return queryset.filter(Exists(partners)) if value else queryset
