"""django-q2 entry points for partner-group profiles."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tenants.schedules import ensure_daily

from .models import EditorInvitation
from .reminders import send_profile_reminders


def send_invitation(invitation_id):
    """Email the invitation link (queued by network.invitations.invite)."""
    from .invitations import invitation_url

    invitation = EditorInvitation.objects.select_related("organisation", "invited_by").filter(
        pk=invitation_id, accepted_at=None, revoked_at=None).first()
    if invitation is None:
        return False
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
             "expires": timezone.localtime(invitation.expires_at).strftime("%Y年%m月%d日 %H:%M")}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    EditorInvitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    return True


def profile_reminders():
    return send_profile_reminders()


def anonymise_closed_cases():
    from .cases.retention import anonymise_expired

    return anonymise_expired()


def ensure_schedules():
    """The profile reminder check runs daily at 09:00 JST (it acts in April only); closed case
    reviews past their retention period are anonymised at 03:30 JST. Idempotent."""
    ensure_daily("network: yearly profile reminders", "network.tasks.profile_reminders", 9)
    ensure_daily("network: anonymise closed case reviews", "network.tasks.anonymise_closed_cases", 3, 30)
