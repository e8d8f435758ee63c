"""Site history (the admin's audit log report) shows only entries about objects the user may see.

Wagtail lets anyone with a model permission on, say, platform members or images read every log
entry of that model: another municipality's member names, window titles, referred candidates,
and who changed them. Page entries are already limited to the pages the user may explore; here
the other entries are limited to the objects the model's registered permission policy lets the
user see. The metropolitan coordinators (and superusers) keep the whole history. Entries about an
object that no longer exists cannot be placed in a municipality any more, so only they see those
(a municipality's own record of who deleted what is Tokyo's to read).

Our own models log onto tenants.AuditEntry instead (tenants/audit.py), which records the
municipality with each entry and so keeps deleted objects' entries with their coordinators; what
remains here is Wagtail's own models (images, documents, ...)."""

from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.models.audit_log import ModelLogEntryManager
from wagtail.permissions import policy_registry

from . import access

VISIBLE_ACTIONS = ["add", "change", "delete", "view", "choose"]
# Replaces wagtail.models.audit_log.ModelLogEntryManager.viewable_by_user (upgrade canary:
# tests/tenants/test_wagtail_patches.py).
_wagtail_viewable_by_user = ModelLogEntryManager.viewable_by_user


def _viewable_objects_only(self, user):
    entries = _wagtail_viewable_by_user(self, user)
    if access.is_metro_coordinator(user):
        return entries
    # Wagtail asks several times per request (listing, filters, export): decide once per user.
    if not hasattr(user, "_tsunagu_visible_log_entries"):
        user._tsunagu_visible_log_entries = _visible_objects(user, entries.get_content_type_ids())
    visible = user._tsunagu_visible_log_entries
    return entries.filter(visible) if visible else entries.none()


def _visible_objects(user, content_type_ids):
    """One condition per model: its entries whose object the model's policy lets the user see."""
    from django.contrib.contenttypes.models import ContentType

    visible = Q()
    for content_type_id in content_type_ids:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        try:
            allowed = policy_registry.get_by_type(model).instances_user_has_any_permission_for(user, VISIBLE_ACTIONS)
        except NotImplementedError:  # a policy that cannot list its objects: show none of them
            continue
        visible |= Q(content_type_id=content_type_id,
                     object_id__in=allowed.annotate(text_pk=Cast("pk", CharField())).values("text_pk"))
    return visible


def show_only_viewable_objects():
    """Called once from TenantsConfig.ready()."""
    ModelLogEntryManager.viewable_by_user = _viewable_objects_only
