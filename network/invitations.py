"""Inviting a partner group's editor: one function per state change of an EditorInvitation.

The emailed link carries the invitation's id signed with the secret key (it cannot be guessed
or altered); the row decides whether it is still usable, so a link works once and only until
it expires or a coordinator revokes it."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from .models import EditorInvitation
from .profiles import editors_of, grant_editor

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


def revoke(invitation):
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
            "date": timezone.localtime(invitation.expires_at).strftime("%Y年%m月%d日 %H:%M")})
    return invitation


@transaction.atomic
def accept(token, user=None, name="", password=None):
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
