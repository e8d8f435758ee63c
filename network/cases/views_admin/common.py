"""What every case screen asks first: may the user use the case screens at all, and may they see
(or change, or manage) this case."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from tenants import access

from ...models import CaseReview


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
