"""Filters of the public consultation-window list (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.models import Municipality

from ..models import ConsultationMethod, ConsultationWindow
from ..models.ages import serving_age


class ConsultationWindowFilter(django_filters.FilterSet):
    """Filters of the public 相談窓口一覧; every combination is a shareable URL."""

    area = django_filters.ChoiceFilter(field_name="municipality__area", label=_("Area"),
                                       choices=Municipality.Area.choices, empty_label=_("All areas"))
    method = django_filters.ModelChoiceFilter(
        field_name="methods", label=_("How to consult"), to_field_name="code",
        queryset=ConsultationMethod.objects.all(), empty_label=_("Any method"))
    age = django_filters.NumberFilter(label=_("Age of the person concerned"), method="filter_age",
                                      widget=forms.NumberInput(attrs={"min": 0, "max": 120}))
    visit = django_filters.BooleanFilter(
        field_name="accepts_visit_applications", label=_("Takes home-visit applications"),
        widget=forms.CheckboxInput, method="filter_visit")

    class Meta:
        model = ConsultationWindow
        fields = []

    def filter_age(self, queryset, name, value):
        return serving_age(queryset, value)

    def filter_visit(self, queryset, name, value):
        return queryset.filter(accepts_visit_applications=True) if value else queryset
