"""Admin for agreements: metropolitan coordinators only; documents through a checked view."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from tenants import access

from .models import Agreement


class AgreementViewSet(SnippetViewSet):
    model = Agreement
    icon = "doc-full"
    menu_label = _("Agreements")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["number", "organisation", "valid_from", "valid_until",
                    Column("get_status_display", label=_("Status"))]
    search_fields = ["number"]
    inspect_view_enabled = True
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("organisation")]),
        FieldRowPanel([FieldPanel("signed_on"), FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldPanel("document"),
        FieldPanel("commitments"),
        MultiFieldPanel([FieldPanel("terminated_on"), FieldPanel("termination_reason")],
                        heading=_("Termination")),
        FieldPanel("renews"),
        FieldPanel("note"),
    ]


register_snippet(AgreementViewSet)


def agreement_document(request, pk):
    if not access.is_metro_coordinator(request.user):
        raise PermissionDenied
    agreement = get_object_or_404(Agreement, pk=pk)
    if not agreement.document:
        raise Http404
    return FileResponse(agreement.document.open("rb"), as_attachment=True,
                        filename=agreement.document.name.rsplit("/", 1)[-1])


@hooks.register("register_admin_urls")
def register_document_url():
    return [path("agreements/<int:pk>/document/", agreement_document, name="agreement_document")]


@hooks.register("register_log_actions")
def register_agreement_log_actions(actions):
    actions.register_action("tsunagu.agreement.renew", _("Renew agreement"), _("Agreement renewed"))
    actions.register_action("tsunagu.agreement.terminate", _("Terminate agreement"), _("Agreement terminated"))
