"""Admin: CSV import of consultation windows for metropolitan coordinators (preview, then apply)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from tenants import access

from . import services
from .forms import ImportForm

SESSION_KEY = "network.window_import"


@access.metro_coordinator_required
def import_windows(request):
    if request.method == "POST" and "confirm" in request.POST:
        text = request.session.get(SESSION_KEY)
        if text is None:
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect("network_window_import")
        plan = services.parse_windows_csv(text)  # re-checked: the data may have changed
        if plan.ok:
            written = services.apply_plan(plan, request.user)
            del request.session[SESSION_KEY]
            messages.success(request, _("%(count)s consultation windows were imported.") % {"count": len(written)})
            return redirect("wagtailsnippets_network_consultationwindow:list")
        return TemplateResponse(request, "network/admin/window_import.html",
                                {"form": ImportForm(), "plan": plan})
    form = ImportForm(request.POST or None, request.FILES or None)
    plan = None
    if request.method == "POST" and form.is_valid():
        plan = services.parse_windows_csv(form.cleaned_data["file"])
        if plan.ok:
            request.session[SESSION_KEY] = form.cleaned_data["file"]
        else:
            request.session.pop(SESSION_KEY, None)
    return TemplateResponse(request, "network/admin/window_import.html", {"form": form, "plan": plan})
