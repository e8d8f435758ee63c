"""Admin screens of the expert bank: requests (list, new, detail with the actions of each role),
attachments, and the coordinators' dashboard. Views parse input, ask tenants.access, call
training.expertbank.services and render; no rule lives here."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants import access
from tenants.jpdates import fiscal_year

from ..models import ConsultationRequest, Expert, RequestFile
from . import services as consultations
from . import stats as dashboard
from .forms import ActionForm, RequestForm

State = ConsultationRequest.State


def may_use_bank(user):
    return (access.is_metro_coordinator(user) or access.organisations_for(user).exists()
            or Expert.objects.filter(user=user, user__is_active=True).exists())


def _visible(request, pk):
    consultation = get_object_or_404(
        ConsultationRequest.objects.select_related("organisation", "expert__user", "requested_by"), pk=pk)
    if not access.can_see_consultation(request.user, consultation):
        raise PermissionDenied
    return consultation


@access.require(may_use_bank)
def consultation_list(request):
    requests = (access.consultation_requests_for(request.user)
                .select_related("organisation", "expert__user").order_by("-created_at", "-pk"))
    state = request.GET.get("state")
    if state in State.values:
        requests = requests.filter(state=state)
    return TemplateResponse(request, "training/admin/consultation_list.html", {
        "requests": requests[:200], "states": State.choices, "current_state": state,
        "can_request": access.organisations_for(request.user).exists(),
        "is_coordinator": access.is_metro_coordinator(request.user),
    })


def consultation_new(request):
    organisations = access.organisations_for(request.user).filter(live=True).order_by("name_kana")
    if not organisations.exists():
        raise PermissionDenied
    form = RequestForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = consultations.submit(
                data["organisation"], request.user, field=data["field"], topic=data["topic"],
                background=data["background"], preferred=form.preferred, format=data["format"],
                files=data["attachments"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request was sent. The Support Net will assign an expert."))
            return redirect("consultation_detail", pk=consultation.pk)
    year = fiscal_year(timezone.localdate())
    quotas = [(org, consultations.limit_per_year() - consultations.used_this_year(org, year)) for org in organisations]
    return TemplateResponse(request, "training/admin/consultation_new.html", {
        "form": form, "quotas": quotas, "year": year, "limit": consultations.limit_per_year(),
    }, status=400 if form.errors else 200)


def consultation_detail(request, pk):
    consultation = _visible(request, pk)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and not form.is_valid():
        # Re-shown with what was typed (a mistyped date stays in its field), nothing changed.
        reasons = form.errors.get("when") or [_("The form was incomplete. Nothing was changed.")]
        messages.error(request, " ".join(str(reason) for reason in reasons))
    elif request.method == "POST":
        data = form.cleaned_data
        expert = Expert.objects.filter(pk=data["expert"]).first() if data["expert"] else None
        try:
            consultations.transition(consultation, data["action"], request.user, expert=expert,
                                     slot=data["slot"], when=data["when"], note=data["note"] or "")
        except ValidationError as error:
            # Refused by the step's rule (a proposed time in the past…): shown with what was typed.
            messages.error(request, " ".join(error.messages))
            consultation.refresh_from_db()
        else:
            return _done(request, consultation, data["action"])
    actions = consultations.allowed_actions(request.user, consultation)
    return TemplateResponse(request, "training/admin/consultation_detail.html", {
        "consultation": consultation, "actions": actions,
        "suggestions": consultations.expert_suggestions(consultation) if "assign" in actions else [],
        "history": consultation.history.select_related("user"),
        "files": consultation.files.all(),
        "labels": consultations.ACTION_LABELS, "when_field": form["when"], "media": form.media,
    }, status=400 if request.method == "POST" else 200)


def _done(request, consultation, action):
    messages.success(request, _("Done: %(action)s.") % {"action": consultations.ACTION_LABELS[action]})
    # The actor may no longer see the request (an expert who declined).
    consultation.refresh_from_db()
    if not access.can_see_consultation(request.user, consultation):
        return redirect("consultation_list")
    return redirect("consultation_detail", pk=consultation.pk)


def consultation_file(request, pk, file_id):
    consultation = _visible(request, pk)
    attachment = get_object_or_404(RequestFile, pk=file_id, request=consultation)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404
    return FileResponse(handle, as_attachment=True, filename=attachment.filename)


@access.metro_coordinator_required
def consultation_dashboard(request):
    return TemplateResponse(request, "training/admin/consultation_dashboard.html", dashboard.figures())
