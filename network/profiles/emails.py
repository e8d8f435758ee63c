"""The email that carries an editor's invitation link (sent by network.tasks.send_invitation)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tenants.jpdates import japanese_datetime

from ..models import EditorInvitation
from .services import invitation_url


def send_invitation(invitation_id):
    """Email the invitation link (queued by network.profiles.services.invite), once: the sent
    marker is claimed with a conditional UPDATE in the transaction that sends, so a retried or
    doubled task finds it taken (the row lock makes a concurrent run wait, then find nothing),
    and a failed send rolls the claim back for the retry."""
    with transaction.atomic():
        claimed = EditorInvitation.objects.filter(
            pk=invitation_id, accepted_at=None, revoked_at=None, sent_at=None).update(sent_at=timezone.now())
        if not claimed:
            return False
        invitation = EditorInvitation.objects.select_related("organisation", "invited_by").get(pk=invitation_id)
        with translation.override("ja"):
            subject = _("Invitation to edit the profile of %(organisation)s on Tsunagu") % {
                "organisation": invitation.organisation}
            body = _(
                "%(name)s\n\nYou have been invited to keep the public profile of %(organisation)s on "
                "Tsunagu, the Tokyo hikikomori support network.\n\n"
                "Open this link to set your password and start: %(url)s\n\n"
                "The link can be used once and expires on %(expires)s.\n"
                "If you did not expect this email, you can ignore it."
            ) % {"name": invitation.name or invitation.email, "organisation": invitation.organisation,
                 "url": invitation_url(invitation),
                 "expires": japanese_datetime(invitation.expires_at)}
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    return True
