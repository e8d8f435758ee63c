"""Who is a partner (連携団体) is decided by the agreements app (an active agreement), which sits
above network in the dependency order; it registers the condition here, so the directory can
filter and badge partners without importing it."""

from django.db.models import Q

_condition = None


def register_partner_condition(build_q):
    """`build_q(today)` returns a Q on Organisation that selects the partners on `today`."""
    global _condition
    _condition = build_q


def partner_q(today=None):
    from django.utils import timezone

    if _condition is None:
        return Q(pk__in=[])
    return _condition(today or timezone.localdate())


def with_partner_flag(queryset, today=None):
    """Annotate organisations with `is_partner` (one subquery, no query per row)."""
    from django.db.models import Exists, OuterRef

    partners = queryset.model.objects.filter(pk=OuterRef("pk")).filter(partner_q(today))
    return queryset.annotate(is_partner=Exists(partners))
