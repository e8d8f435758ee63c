"""The events' admin viewset: the event list (with a button to each event's sessions and
applications) and its edit form."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.widgets import Button

from tenants.forms import MunicipalityOwnedForm
from tenants.viewsets import TenantModelViewSet

from ..models import Event


class EventIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        return [Button(_("Sessions and applications"), reverse("event_manage", args=[instance.pk]),
                       icon_name="list-ul", priority=5), *super().get_list_more_buttons(instance)]


class EventViewSet(TenantModelViewSet):
    """Events of the Support Net (no municipality: metropolitan coordinators) or of one
    municipality (its coordinators); sessions and applications are managed on the event's page."""

    model = Event
    index_view_class = EventIndexView
    icon = "date"
    menu_label = _("Events")
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["title", "kind", "municipality", "deadline", "published"]
    list_filter = ["kind", "published"]
    search_fields = ["title", "venue"]
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList([
        FieldRowPanel([FieldPanel("kind"), FieldPanel("audience")]),
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_kana")]),
        FieldPanel("municipality"),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("address")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("deadline"), FieldPanel("waiting_list")]),
        FieldPanel("max_per_group"),
        FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
        FieldRowPanel([FieldPanel("application_method"), FieldPanel("contact_phone")]),
        FieldPanel("published"),
    ], base_form_class=MunicipalityOwnedForm)
