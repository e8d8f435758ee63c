"""Admin screens of a case's consents: recording one (with the scan of a signed form), downloading
the scan (decrypted, logged) and withdrawing it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenants import access

from ...models import Consent
from ..forms import ConsentForm
from ..services import consents
from .common import case_or_403, case_screen, errors_of


@case_screen
def consent_new(request, pk):
    case = case_or_403(request, pk, access.can_change_case)
    form = ConsentForm(request.POST or None, request.FILES or None, case=case,
                       initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consents.record_consent(request.user, case, given_by=data["given_by"], items=data["items"],
                                    recipients=data["recipients"], purpose=data["purpose"],
                                    given_on=data["given_on"], method=data["method"], scan=data["scan"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect("case_detail", pk=pk)
    return TemplateResponse(request, "network/cases/consent_form.html", {"form": form, "case": case},
                            status=400 if form.errors else 200)


@case_screen
def consent_scan(request, pk, consent_id):
    case = case_or_403(request, pk)
    consent = get_object_or_404(Consent, pk=consent_id, case=case)
    if not consent.scan:
        raise PermissionDenied
    data, kind = consents.read_scan(request.user, consent)
    types = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
    response = HttpResponse(data, content_type=types.get(kind, "application/octet-stream"))
    response["Content-Disposition"] = f'attachment; filename="consent-{case.code}-{consent.pk}.{kind}"'
    response["Cache-Control"] = "no-store"
    return response


@case_screen
@require_POST
def consent_withdraw(request, pk, consent_id):
    case = case_or_403(request, pk, access.can_change_case)
    consent = get_object_or_404(Consent, pk=consent_id, case=case)
    try:
        consents.withdraw_consent(request.user, consent, note=request.POST.get("note", ""))
    except ValidationError as error:
        messages.error(request, errors_of(error))
    else:
        messages.success(request, _("The consent was withdrawn. Nothing more can be shared under it."))
    return redirect("case_detail", pk=pk)
