"""Who keeps a partner group's profile: the one place that grants and removes editors.

An organisation's editors are the members of its editors group. That group holds the
django-guardian object permissions on the organisation (so `tenants.access` answers "may this
user edit that profile?") and Wagtail collection permissions on the organisation's own
collection (logo and photos). Removing a user from the group revokes both at once."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm
from wagtail.log_actions import log
from wagtail.models import Collection, GroupCollectionPermission

from tenants import access
from tenants.provisioning import MEDIA_PERMISSIONS, _permission
from tenants.roles import GLOBAL_GROUP_NAMES, Role

from .models import Organisation

EDITOR_OBJECT_PERMISSIONS = ("change_organisation", "view_organisation")
COLLECTIONS_PARENT = "連携団体・民間支援団体"


def _collections_parent():
    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=COLLECTIONS_PARENT).first()
    return found or root.add_child(name=COLLECTIONS_PARENT)


@transaction.atomic
def ensure_editor_space(organisation):
    """Give the organisation its editors group (with the object grants) and its collection.
    Idempotent. Writes with update() so a pending draft or the live row is never touched."""
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changes = {}
    group = org.editors_group
    if group is None:
        group, _ = Group.objects.get_or_create(name=f"団体の担当者: {org.name[:100]} (#{org.pk})")
        changes["editors_group"] = group
    for codename in EDITOR_OBJECT_PERMISSIONS:
        assign_perm(codename, group, org)
    collection = org.collection
    if collection is None:
        collection = _collections_parent().add_child(name=f"{org.name[:200]} (#{org.pk})")
        changes["collection"] = collection
    for app, codename in MEDIA_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(app, codename))
    if changes:
        Organisation.objects.filter(pk=org.pk).update(**changes)
    for field, value in {"editors_group": group, "collection": collection}.items():
        setattr(organisation, field, value)
    return organisation


def editors_of(organisation):
    from django.contrib.auth import get_user_model

    return (get_user_model().objects.filter(is_active=True, groups__edited_organisation=organisation.pk)
            .order_by("last_name", "first_name", "username"))


@transaction.atomic
def grant_editor(organisation, user, by=None):
    """Make `user` an editor of `organisation`'s profile (and nothing else)."""
    ensure_editor_space(organisation)
    partner_editors = Group.objects.get(name=GLOBAL_GROUP_NAMES[Role.PARTNER_EDITOR])
    user.groups.add(organisation.editors_group, partner_editors)
    access.forget(user)
    log(organisation, "tsunagu.editor_granted", user=by or user, data={"editor": user.get_username()})


@transaction.atomic
def revoke_editor(organisation, user, by):
    """Take `user`'s rights over the profile away at once; their lock on it goes with them."""
    user.groups.remove(*Group.objects.filter(edited_organisation=organisation.pk))
    still_editing = Organisation.objects.filter(editors_group__user=user).exists()
    if not still_editing:
        user.groups.remove(*Group.objects.filter(name=GLOBAL_GROUP_NAMES[Role.PARTNER_EDITOR]))
    Organisation.objects.filter(pk=organisation.pk, locked_by=user).update(
        locked=False, locked_by=None, locked_at=None)
    access.forget(user)
    log(organisation, "tsunagu.editor_revoked", user=by, data={"editor": user.get_username()})


def confirm_profile(organisation, user):
    """The group says its live profile is still correct (the yearly check)."""
    now = timezone.now()
    Organisation.objects.filter(pk=organisation.pk).update(confirmed_at=now)
    organisation.confirmed_at = now
    log(organisation, "tsunagu.profile_confirmed", user=user)
    return now


def mark_confirmed_on_publish(sender, instance, revision=None, **kwargs):
    """Publishing a change the group's own editor wrote (an approved review) confirms the
    profile; a coordinator's edit or an import does not speak for the group."""
    author = getattr(revision, "user", None)
    if (isinstance(instance, Organisation) and author is not None
            and not access.is_metro_coordinator(author) and access.can_edit_organisation(author, instance)):
        now = timezone.now()
        Organisation.objects.filter(pk=instance.pk).update(confirmed_at=now)
        instance.confirmed_at = now
