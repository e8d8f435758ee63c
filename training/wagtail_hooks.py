"""Admin wiring of the expert bank: the requests' screens and the experts' profiles."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from . import consultation_views as views
from .models import Expert


@hooks.register("register_admin_urls")
def register_consultation_urls():
    return [
        path("consultations/", views.consultation_list, name="consultation_list"),
        path("consultations/new/", views.consultation_new, name="consultation_new"),
        path("consultations/dashboard/", views.consultation_dashboard, name="consultation_dashboard"),
        path("consultations/<int:pk>/", views.consultation_detail, name="consultation_detail"),
        path("consultations/<int:pk>/files/<int:file_id>/", views.consultation_file, name="consultation_file"),
    ]


class ExpertBankMenuItem(MenuItem):
    def is_shown(self, request):
        return views._may_use_bank(request.user)


@hooks.register("register_admin_menu_item")
def register_consultation_menu_item():
    return ExpertBankMenuItem(_("Expert consultations"), reverse("consultation_list"), icon_name="help", order=230)


class ExpertViewSet(ModelViewSet):
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


@hooks.register("register_admin_viewset")
def register_expert_viewset():
    return ExpertViewSet("experts")
