"""Admin of partner-group profiles: the organisation snippet viewset (the support directory's
back office) and its chooser, which lists only what tenants.access lets the user refer to."""

from django import forms
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, PublishingPanel
from wagtail.snippets.views import chooser as snippet_chooser

from tenants import access
from tenants.viewsets import TenantSnippetViewSet

from ..models import Organisation
from .forms import OrganisationProfileForm


class OrganisationChooseMixin:
    def get_object_list(self):
        return access.choosable_organisations(self.request.user)


class OrganisationChooseView(OrganisationChooseMixin, snippet_chooser.ChooseView):
    pass


class OrganisationChooseResultsView(OrganisationChooseMixin, snippet_chooser.ChooseResultsView):
    pass


class OrganisationChosenView(snippet_chooser.SnippetChosenView):
    def get_object(self, pk):
        return get_object_or_404(access.choosable_organisations(self.request.user), pk=pk)


class OrganisationChosenMultipleView(snippet_chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        pks = [pk for pk in pks if str(pk).isascii() and str(pk).isdigit()]
        return access.choosable_organisations(self.request.user).filter(pk__in=pks)


class OrganisationChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    """Referring to an organisation is open to staff for published ones (tenants.access)."""

    choose_view_class = OrganisationChooseView
    choose_results_view_class = OrganisationChooseResultsView
    chosen_view_class = OrganisationChosenView
    chosen_multiple_view_class = OrganisationChosenMultipleView


class OrganisationViewSet(TenantSnippetViewSet):
    """The support directory. Metropolitan coordinators keep every profile; a partner group's
    editors see and edit only their own (network.policies, through the tenant-safe views), and
    their changes go through the review workflow (network.profiles.services.ensure_profile_workflow)."""

    model = Organisation
    chooser_viewset_class = OrganisationChooserViewSet
    icon = "group"
    menu_label = _("Support organisations")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "base_municipality", "live", "confirmed_at"]
    list_filter = ["kind", "support_types", "live"]
    search_fields = ["name", "name_kana"]
    # Substring search in the database: the search index holds Japanese bigrams, which a plain
    # admin query would not match.
    search_backend_name = None
    list_per_page = 50
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_handler = ObjectList([
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_kana")]),
        FieldRowPanel([FieldPanel("legal_form"), FieldPanel("kind")]),
        FieldPanel("support_types", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("for_person"), FieldPanel("for_family"), FieldPanel("for_supporters")]),
            FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
        ], heading=_("Who it is for")),
        FieldPanel("base_municipality"),
        FieldPanel("municipalities_served", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("activity_days"), FieldPanel("activity_places")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("url"),
        FieldPanel("description"),
        MultiFieldPanel([
            FieldPanel("logo"),
            InlinePanel("photos", label=_("Photos"), max_num=6),
        ], heading=_("Logo and photos")),
        PublishingPanel(),
    ], base_form_class=OrganisationProfileForm)
