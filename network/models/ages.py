"""The age rule shared by organisations and consultation windows (min_age/max_age, either open)."""

from django.db.models import Q


def serving_age(queryset, age):
    """Rows whose age range (either end may be open) includes `age`."""
    if age is None:
        return queryset
    return queryset.filter(Q(min_age__isnull=True) | Q(min_age__lte=age),
                           Q(max_age__isnull=True) | Q(max_age__gte=age))
