"""Admin screens of referrals (つなぐシート): sending one from a case, and the page where either
side reads it and moves it along."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from tenants import access

from ...models import Referral
from ...models.platforms import current_members
from ..forms import ReferralActionForm, ReferralForm
from ..services import referrals
from .common import case_or_403, case_screen, errors_of, require_platform


def _from_members(user, case):
    members = current_members(case.municipality).select_related("organisation")
    if access.coordinates(user, case.municipality_id):
        return members
    return members.filter(staff=user)


@case_screen
def referral_new(request, pk):
    case = case_or_403(request, pk, access.can_change_case)
    form = ReferralForm(request.POST or None, case=case, from_members=_from_members(request.user, case))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = referrals.send(request.user, case, from_member=data["from_member"],
                                      to_member=data["to_member"], items=data["items"],
                                      message=data["message"], consent=data["consent"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The referral was sent."))
            return redirect("referral_detail", pk=referral.pk)
    return TemplateResponse(request, "network/cases/referral_form.html", {"form": form, "case": case},
                            status=400 if form.errors else 200)


@case_screen
def referral_detail(request, pk):
    require_platform(request.user)
    referral = get_object_or_404(Referral.objects.select_related(
        "case", "consent", "from_member__organisation", "to_member__organisation", "to_member__municipality"), pk=pk)
    if request.method == "POST":
        form = ReferralActionForm(request.POST)
        if not form.is_valid():
            raise PermissionDenied
        try:
            referrals.transition(request.user, referral, form.cleaned_data["action"], form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, errors_of(error))
        else:
            messages.success(request, _("The referral was updated."))
        return redirect("referral_detail", pk=pk)
    side = referrals.read(request.user, referral)
    return TemplateResponse(request, "network/cases/referral_detail.html", {
        "referral": referral, "side": side, "history": referral.history.select_related("user"),
        "actions": [(name, referrals.LABELS[name]) for name in referrals.allowed_actions(request.user, referral)],
    })
