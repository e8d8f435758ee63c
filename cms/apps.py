from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Portal")

    def ready(self):
        from cms.ops import checks  # noqa: F401  (registers the production start-up checks)
