"""Admin screens of the case reviews themselves and the access log (/admin/cases/…). Every page
that shows case contents goes through casereviews.read, which logs the read."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenants import access, audit
from tenants.admin_ui import posted_id
from tenants.models import Municipality

from ...models import CaseAccessLog, CaseReview
from ..export import write_case_csv
from ..forms import AgreedActionForm, CaseForm, ParticipantForm
from ..services import casereviews
from .common import case_or_403, case_screen, errors_of, require_platform


def case_list(request):
    require_platform(request.user)
    cases = access.case_reviews_for(request.user).select_related("municipality")
    status = request.GET.get("status", CaseReview.Status.OPEN)
    if status in CaseReview.Status.values:
        cases = cases.filter(status=status)
    coordinated = Municipality.objects.filter(pk__in=access.grants(request.user).coordinator_of)
    return TemplateResponse(request, "network/cases/case_list.html", {
        "cases": cases[:300], "status": status, "statuses": CaseReview.Status.choices,
        "can_open": coordinated.exists(), "today": timezone.localdate(),
        "referrals": access.referrals_for(request.user).select_related("case", "from_member__organisation",
                                                                        "to_member__organisation")[:50],
    })


def case_new(request):
    require_platform(request.user)
    municipalities = Municipality.objects.filter(pk__in=access.grants(request.user).coordinator_of)
    if not municipalities.exists():
        raise PermissionDenied
    form = CaseForm(request.POST or None, municipalities=municipalities,
                    initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = casereviews.open_case(request.user, data["municipality"], held_on=data["held_on"],
                                         legal_basis=data["legal_basis"], categories=data["categories"],
                                         summary=data["summary"], next_review_on=data["next_review_on"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Case %(code)s was opened.") % {"code": case.code})
            return redirect("case_detail", pk=case.pk)
    return TemplateResponse(request, "network/cases/case_form.html", {"form": form, "case": None},
                            status=400 if form.errors else 200)


@case_screen
def case_detail(request, pk):
    return _detail(request, case_or_403(request, pk))


def _detail(request, case, action_form=None, status=200):
    """The case page; `action_form` re-shows a refused agreed action with what was typed."""
    case = casereviews.read(request.user, case)
    may_change = access.can_change_case(request.user, case)
    may_manage = access.can_manage_case(request.user, case)
    return TemplateResponse(request, "network/cases/case_detail.html", {
        "case": case, "may_change": may_change and not case.anonymised_on, "may_manage": may_manage,
        "actions": case.actions.select_related("member__organisation"),
        "participants": casereviews.participants(case) if may_manage else [],
        "participant_form": ParticipantForm(case=case) if may_manage else None,
        "action_form": (action_form or AgreedActionForm(case=case)) if may_change else None,
        "consents": case.consents.prefetch_related("recipients__organisation", "recipients__municipality"),
        "referrals": case.referrals.select_related("from_member__organisation", "to_member__organisation",
                                                   "to_member__municipality"),
    }, status=status)


@case_screen
def case_edit(request, pk):
    case = case_or_403(request, pk, access.can_change_case)
    if case.anonymised_on:
        raise PermissionDenied
    initial = {name: getattr(case, name) for name in casereviews.EDITABLE}
    form = CaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            casereviews.update_case(request.user, case, **{n: form.cleaned_data[n] for n in casereviews.EDITABLE})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The case record was saved."))
            return redirect("case_detail", pk=case.pk)
    if request.method == "GET":
        casereviews.log(request.user, case, CaseAccessLog.Action.VIEW, _("edit form"))
    return TemplateResponse(request, "network/cases/case_form.html", {"form": form, "case": case},
                            status=400 if form.errors else 200)


@case_screen
def case_export(request, pk):
    """The case record as CSV (UTF-8 with BOM for Excel); logged as an export."""
    case = case_or_403(request, pk)
    casereviews.log(request.user, case, CaseAccessLog.Action.EXPORT, "csv")
    audit.record_export("case.csv", by=request.user, instance=case)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="case-{case.code}.csv"'
    write_case_csv(case, response)
    return response


@case_screen
@require_POST
def case_participants(request, pk):
    case = case_or_403(request, pk, access.can_manage_case)
    try:
        if request.POST.get("remove"):
            user = get_object_or_404(casereviews.eligible_participants(case).model, pk=posted_id(request, "remove"))
            casereviews.remove_participant(request.user, case, user)
        else:
            form = ParticipantForm(request.POST, case=case)
            if not form.is_valid():
                raise ValidationError(_("Choose a platform member of this municipality."))
            casereviews.name_participant(request.user, case, form.cleaned_data["user"],
                                         may_change=form.cleaned_data["may_change"])
    except ValidationError as error:
        messages.error(request, errors_of(error))
    else:
        messages.success(request, _("The participants were updated."))
    return redirect("case_detail", pk=pk)


@case_screen
@require_POST
def case_action(request, pk):
    case = case_or_403(request, pk, access.can_change_case)
    if request.POST.get("done") or request.POST.get("reopen"):
        name = "done" if request.POST.get("done") else "reopen"
        try:
            casereviews.mark_action_done(request.user, case, posted_id(request, name), done=name == "done")
        except ValidationError as error:
            messages.error(request, errors_of(error) + " " + _("Nothing was changed."))
        else:
            messages.success(request, _("The agreed actions were updated."))
        return redirect("case_detail", pk=pk)
    form = AgreedActionForm(request.POST, case=case)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        data = form.cleaned_data
        casereviews.add_action(request.user, case, member=data["member"], action=data["action"],
                               due_on=data["due_on"])
    except ValidationError as error:
        # Re-shown with what was typed (a mistyped date stays in its field), nothing changed.
        messages.error(request, errors_of(error) + " " + _("Nothing was changed."))
        return _detail(request, case, action_form=form, status=400)
    messages.success(request, _("The agreed actions were updated."))
    return redirect("case_detail", pk=pk)


@case_screen
@require_POST
def case_close(request, pk):
    case = case_or_403(request, pk, access.can_manage_case)
    try:
        casereviews.close_case(request.user, case)
    except ValidationError as error:
        messages.error(request, errors_of(error))
    else:
        messages.success(request, _("The case was closed."))
    return redirect("case_detail", pk=pk)


def access_log(request):
    """The case access log of the municipalities the user coordinates; read-only."""
    coordinated = access.grants(request.user).coordinator_of
    if not coordinated:
        raise PermissionDenied
    rows = CaseAccessLog.objects.filter(municipality_id__in=coordinated)
    code = request.GET.get("case", "").strip()
    if code:
        rows = rows.filter(case_code=code)
    return TemplateResponse(request, "network/cases/access_log.html", {"rows": rows[:500], "code": code})
