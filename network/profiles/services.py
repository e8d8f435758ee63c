"""Who keeps a partner group's profile: the one place that grants and removes editors, invites
them, confirms a profile and sets up its review workflow.

An organisation's editors are the members of its editors group. That group holds the
django-guardian object permissions on the organisation (so `tenants.access` answers "may this
user edit that profile?") and Wagtail collection permissions on the organisation's own
collection (logo and photos). Removing a user from the group revokes both at once.

An invitation's emailed link carries its id signed with the secret key (it cannot be guessed
or altered); the EditorInvitation row decides whether it is still usable, so a link works once
and only until it expires or a coordinator revokes it."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task
from guardian.shortcuts import assign_perm
from wagtail.models import (
    Collection, GroupApprovalTask, GroupCollectionPermission, Workflow, WorkflowContentType, WorkflowTask,
)

from tenants import access, audit, page_cache
from tenants.jpdates import japanese_datetime
from tenants.provisioning import MEDIA_PERMISSIONS, _permission
from tenants.roles import GLOBAL_GROUP_NAMES, Role

from ..models import EditorInvitation, Organisation

EDITOR_OBJECT_PERMISSIONS = ("change_organisation", "view_organisation")
COLLECTIONS_PARENT = "連携団体・民間支援団体"
WORKFLOW_NAME = "団体プロフィールの審査"
TASK_NAME = "都コーディネーターによる確認"


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
    return organisation.editors()


@transaction.atomic
def grant_editor(organisation, user, by=None):
    """Make `user` an editor of `organisation`'s profile (and nothing else)."""
    ensure_editor_space(organisation)
    partner_editors = Group.objects.get(name=GLOBAL_GROUP_NAMES[Role.PARTNER_EDITOR])
    user.groups.add(organisation.editors_group, partner_editors)
    access.forget(user)
    audit.record("tsunagu.editor_granted", organisation, by=by or user, data={"editor": user.get_username()})


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
    audit.record("tsunagu.editor_revoked", organisation, by=by, data={"editor": user.get_username()})


@transaction.atomic
def confirm_profile(organisation, user):
    """The group says its live profile is still correct (the yearly check). The date shows on
    its public page, and update() sends no signal: the cached pages are told here."""
    now = timezone.now()
    Organisation.objects.filter(pk=organisation.pk).update(confirmed_at=now)
    organisation.confirmed_at = now
    page_cache.changed_everywhere()
    audit.record("tsunagu.profile_confirmed", organisation, by=user)
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


def ensure_profile_workflow(metro_group):
    """Every organisation edit by a group's editor goes through one approval by the
    metropolitan coordinators before it is published. An existing assignment (a coordinator
    may have changed the workflow in the admin) is kept."""
    content_type = ContentType.objects.get_for_model(Organisation)
    assigned = WorkflowContentType.objects.filter(content_type=content_type).select_related("workflow").first()
    if assigned is not None:
        return assigned.workflow
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(metro_group)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowContentType.objects.create(content_type=content_type, workflow=workflow)
    return workflow


SALT = "network.invitation"


class InvitationError(Exception):
    """A link that cannot be used; the message is for the person holding it."""


def valid_days():
    return getattr(settings, "TSUNAGU_INVITATION_VALID_DAYS", 7)


def token_for(invitation):
    return signing.dumps({"i": invitation.pk}, salt=SALT)


def invitation_url(invitation):
    from django.urls import reverse

    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("accept_invitation", args=[token_for(invitation)])


@transaction.atomic
def invite(organisation, email, by, name=""):
    """Invite `email` to edit `organisation`'s profile; the email goes out through a task.
    A pending invitation to the same address for the same group is replaced."""
    email = get_user_model().objects.normalize_email(email).strip()
    if editors_of(organisation).filter(email__iexact=email).exists():
        raise InvitationError(_("%(email)s is already an editor of this organisation.") % {"email": email})
    now = timezone.now()
    EditorInvitation.objects.filter(organisation=organisation, email__iexact=email, accepted_at=None,
                                    revoked_at=None, expires_at__gt=now).update(revoked_at=now)
    invitation = EditorInvitation.objects.create(
        organisation=organisation, email=email, name=name, invited_by=by, created_at=now,
        expires_at=now + datetime.timedelta(days=valid_days()))
    transaction.on_commit(lambda: async_task("network.tasks.send_invitation", invitation.pk))
    return invitation


def revoke_invitation(invitation):
    EditorInvitation.objects.filter(pk=invitation.pk, accepted_at=None, revoked_at=None).update(
        revoked_at=timezone.now())


def usable_invitation(token):
    """The invitation behind a link, or InvitationError saying why the link cannot be used."""
    try:
        data = signing.loads(token, salt=SALT)
        invitation = EditorInvitation.objects.select_related("organisation").get(pk=data["i"])
    except (signing.BadSignature, EditorInvitation.DoesNotExist, KeyError, TypeError):
        raise InvitationError(_("This invitation link is not valid. Check that you copied the whole link."))
    status = invitation.status
    if status == EditorInvitation.Status.ACCEPTED:
        raise InvitationError(_("This invitation has already been used. Sign in with the account you created."))
    if status == EditorInvitation.Status.REVOKED:
        raise InvitationError(_("This invitation has been withdrawn. Ask the Support Net for a new one."))
    if status == EditorInvitation.Status.EXPIRED:
        raise InvitationError(_("This invitation expired on %(date)s. Ask the Support Net for a new one.") % {
            "date": japanese_datetime(invitation.expires_at)})
    return invitation


@transaction.atomic
def accept_invitation(token, user=None, name="", password=None):
    """Use the invitation: create the account (or take the signed-in one with the invited
    address), grant it the profile and mark the invitation used, all or nothing."""
    invitation = usable_invitation(token)
    invitation = EditorInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != EditorInvitation.Status.PENDING:  # used by a parallel request
        raise InvitationError(_("This invitation has already been used. Sign in with the account you created."))
    users = get_user_model().objects
    if user is None:
        if users.filter(email__iexact=invitation.email).exists():
            raise InvitationError(_("An account with this email address exists. Sign in first, then open the link again."))
        family, _sep, given = name.strip().partition(" ")
        user = users.create_user(username=invitation.email, email=invitation.email, password=password,
                                 last_name=family[:150], first_name=given.strip()[:150])
    elif user.email.lower() != invitation.email.lower():
        raise InvitationError(_("This invitation is for %(email)s. Sign in with that address.") % {
            "email": invitation.email})
    grant_editor(invitation.organisation, user, by=invitation.invited_by)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return invitation, user
