from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Municipalities and access")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (audit, bulk_actions, date_entry, history, page_cache, policies, private_documents, reviews,
                       session_limits, tag_filters, wagtail_exports)

        policies.register_policies()
        bulk_actions.hide_objects_without_access()
        history.show_only_viewable_objects()
        audit.connect()
        tag_filters.show_only_visible_tags()
        date_entry.register_admin_date_fields()
        reviews.let_coordinators_withdraw_reviews()
        private_documents.connect()
        session_limits.connect()
        wagtail_exports.neutralise_csv_formulas()
        page_cache.register()
