"""Bulk-action confirmations list only what the user may act on.

Wagtail's bulk actions (`/admin/bulk/<app>/<model>/<action>/?id=…`, and `?id=all`) render the
objects the user may *not* act on too, by title, under "you don't have permission": with
`id=all` that lists every page, image, document, user or snippet of the site, other
municipalities' drafts included. Here those objects are left out entirely; the action itself
was already refused for them by each action's `check_perm`."""

from wagtail.admin.views.bulk_action import BulkAction

# Replaces wagtail.admin.views.bulk_action.BulkAction.get_actionable_objects (upgrade canary:
# tests/tenants/test_wagtail_patches.py).
_wagtail_actionable_objects = BulkAction.get_actionable_objects


def _actionable_objects_only(self):
    objects, extra = _wagtail_actionable_objects(self)
    return objects, {**extra, "items_with_no_access": []}


def hide_objects_without_access():
    """Called once from TenantsConfig.ready()."""
    BulkAction.get_actionable_objects = _actionable_objects_only
