"""Admin screens for case reviews, consents, referrals and the access log (/admin/cases/…).
Views parse input, ask tenants.access, call the service modules and render; every page that shows
case contents goes through casereviews.read (or referrals.read), which logs the read."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenants import access
from tenants.admin_ui import posted_id
from tenants.models import Municipality

from . import casereviews, consents, referrals
from .case_forms import AgreedActionForm, CaseForm, ConsentForm, ParticipantForm, ReferralActionForm, ReferralForm
from .models import CaseAccessLog, CaseReview, Consent, Referral
from .models.platforms import current_members


def _require_platform(user):
    if not access.may_use_cases(user):
        raise PermissionDenied


def _case(request, pk, rule=access.can_see_case):
    _require_platform(request.user)
    case = get_object_or_404(CaseReview.objects.select_related("municipality"), pk=pk)
    if not rule(request.user, case):
        raise PermissionDenied
    return case


def _errors(error):
    return " ".join(error.messages)


def case_list(request):
    _require_platform(request.user)
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
    _require_platform(request.user)
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


def case_detail(request, pk):
    return _detail(request, _case(request, pk))


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


def case_edit(request, pk):
    case = _case(request, pk, access.can_change_case)
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


def _cell(value):
    """A spreadsheet cell that Excel will not run as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def case_export(request, pk):
    """The case record as CSV (UTF-8 with BOM for Excel); logged as an export."""
    case = _case(request, pk)
    casereviews.log(request.user, case, CaseAccessLog.Action.EXPORT, "csv")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="case-{case.code}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    rows = [[_("Case code"), _("Municipality"), _("Date of the review"), _("Legal basis"),
                     _("Categories"), _("Situation summary"), _("Next review"), _("Status")]]
    rows.append([case.code, case.municipality.name, case.held_on.isoformat(), case.get_legal_basis_display(),
                     "、".join(map(str, case.category_labels())), case.summary,
                     case.next_review_on.isoformat() if case.next_review_on else "", case.get_status_display()])
    rows += [[], [_("Organisation"), _("Agreed action"), _("Due date"), _("Done")]]
    for row in case.actions.select_related("member__organisation"):
        rows.append([row.member.display_name, row.action, row.due_on.isoformat() if row.due_on else "",
                     "○" if row.done else ""])
    writer.writerows([[_cell(value) for value in row] for row in rows])
    return response


@require_POST
def case_participants(request, pk):
    case = _case(request, pk, access.can_manage_case)
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
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("The participants were updated."))
    return redirect("case_detail", pk=pk)


@require_POST
def case_action(request, pk):
    case = _case(request, pk, access.can_change_case)
    if request.POST.get("done") or request.POST.get("reopen"):
        name = "done" if request.POST.get("done") else "reopen"
        try:
            casereviews.mark_action_done(request.user, case, posted_id(request, name), done=name == "done")
        except ValidationError as error:
            messages.error(request, _errors(error) + " " + _("Nothing was changed."))
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
        messages.error(request, _errors(error) + " " + _("Nothing was changed."))
        return _detail(request, case, action_form=form, status=400)
    messages.success(request, _("The agreed actions were updated."))
    return redirect("case_detail", pk=pk)


@require_POST
def case_close(request, pk):
    case = _case(request, pk, access.can_manage_case)
    try:
        casereviews.close_case(request.user, case)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("The case was closed."))
    return redirect("case_detail", pk=pk)


def consent_new(request, pk):
    case = _case(request, pk, access.can_change_case)
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


def consent_scan(request, pk, consent_id):
    case = _case(request, pk)
    consent = get_object_or_404(Consent, pk=consent_id, case=case)
    if not consent.scan:
        raise PermissionDenied
    data, kind = consents.read_scan(request.user, consent)
    types = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
    response = HttpResponse(data, content_type=types.get(kind, "application/octet-stream"))
    response["Content-Disposition"] = f'attachment; filename="consent-{case.code}-{consent.pk}.{kind}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def consent_withdraw(request, pk, consent_id):
    case = _case(request, pk, access.can_change_case)
    consent = get_object_or_404(Consent, pk=consent_id, case=case)
    try:
        consents.withdraw_consent(request.user, consent, note=request.POST.get("note", ""))
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("The consent was withdrawn. Nothing more can be shared under it."))
    return redirect("case_detail", pk=pk)


def _from_members(user, case):
    members = current_members(case.municipality).select_related("organisation")
    if access.coordinates(user, case.municipality_id):
        return members
    return members.filter(staff=user)


def referral_new(request, pk):
    case = _case(request, pk, access.can_change_case)
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


def referral_detail(request, pk):
    _require_platform(request.user)
    referral = get_object_or_404(Referral.objects.select_related(
        "case", "consent", "from_member__organisation", "to_member__organisation", "to_member__municipality"), pk=pk)
    if request.method == "POST":
        form = ReferralActionForm(request.POST)
        if not form.is_valid():
            raise PermissionDenied
        try:
            referrals.transition(request.user, referral, form.cleaned_data["action"], form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("The referral was updated."))
        return redirect("referral_detail", pk=pk)
    side = referrals.read(request.user, referral)
    return TemplateResponse(request, "network/cases/referral_detail.html", {
        "referral": referral, "side": side, "history": referral.history.select_related("user"),
        "actions": [(name, referrals.LABELS[name]) for name in referrals.allowed_actions(request.user, referral)],
    })


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
