"""The expert bank's admin viewset: the experts' profiles, kept by the metropolitan
coordinators."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from tenants.admin_display import ShownValuesViewSetMixin

from ..models import Expert


class ExpertViewSet(ShownValuesViewSetMixin, ModelViewSet):
    """The expert bank's members, kept by the metropolitan coordinators."""

    model = Expert
    icon = "user"
    menu_label = _("Expert bank")
    menu_order = 235
    add_to_admin_menu = True
    list_display = ["__str__", "legal", "medical", "management", "monthly_maximum", "active"]
    list_filter = ["legal", "medical", "management", "active"]
    search_fields = ["qualification", "user__last_name", "user__first_name"]
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_handler = ObjectList([
        FieldPanel("user"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("legal"), FieldPanel("medical"), FieldPanel("management")])],
                        heading=pgettext_lazy("expert bank", "Fields")),
        FieldPanel("qualification"),
        FieldPanel("bio"),
        FieldPanel("availability"),
        FieldRowPanel([FieldPanel("monthly_maximum"), FieldPanel("active")]),
    ])
