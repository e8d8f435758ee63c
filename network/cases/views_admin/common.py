"""What every case screen asks first: may the user use the case screens at all, and may they see
(or change, or manage) this case."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from tenants import access, scoping

from ...models import CaseReview


# One case's screens: its consents and referrals name platform members of any municipality (a
# consent-based case is referred across municipal lines), so they read every municipality's
# members (tenants/scoping.py). The case itself is guarded by case_or_403 (access.can_see_case),
# which is narrower than any municipality scope: it ignores the metropolitan role.
case_screen = scoping.scoped_view(lambda request, *args, **kwargs: scoping.everywhere())


def require_platform(user):
    if not access.may_use_cases(user):
        raise PermissionDenied


def case_or_403(request, pk, rule=access.can_see_case):
    require_platform(request.user)
    case = get_object_or_404(CaseReview.objects.select_related("municipality"), pk=pk)
    if not rule(request.user, case):
        raise PermissionDenied
    return case


def errors_of(error):
    return " ".join(error.messages)
