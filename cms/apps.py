from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(using="default", **kwargs):
    """Without Redis the cache is a database table every app server shares (cms/settings/
    shared_state.py); `migrate` creates it, so a fresh checkout, `make demo` and a new production
    database need no extra step. createcachetable leaves an existing table alone."""
    from django.conf import settings
    from django.core.management import call_command

    if any(cache["BACKEND"].endswith("DatabaseCache") for cache in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Portal")

    def ready(self):
        from cms import page_cache
        from cms.ops import checks  # noqa: F401  (registers the production start-up checks)

        page_cache.register()  # what makes cached pages stale (cms/page_cache.py)
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="tsunagu-create-cache-table")
