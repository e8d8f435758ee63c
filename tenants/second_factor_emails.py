"""The emails about a user's second factor (sent by tenants.tasks): the enrolment link, and a
notice after every change. Notices carry no secret (no code, key or link): they tell the person
what changed and when, so that a change they did not make is noticed."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from . import second_factor_services as services
from .jpdates import japanese_datetime, person_name
from .models import EnrolmentLink


def send_enrolment_link(link_id):
    """Once: the sent marker is claimed with a conditional UPDATE in the sending transaction, as
    for editor invitations (network/profiles/emails.py)."""
    with transaction.atomic():
        if not EnrolmentLink.objects.filter(pk=link_id, used_at=None, revoked_at=None, sent_at=None).update(
                sent_at=timezone.now()):
            return False
        link = EnrolmentLink.objects.select_related("user", "issued_by").get(pk=link_id)
        with translation.override("ja"):
            subject = _("Register your authenticator app for Tsunagu")
            body = _(
                "%(name)s\n\n%(issuer)s has sent you a link to register an authenticator app for signing in "
                "to the Tsunagu admin (user name: %(username)s).\n\n"
                "Sign in with your user name and password, then open this link: %(url)s\n\n"
                "The link can be used once, by you only, and expires on %(expires)s.\n"
                "If you did not expect this email, tell the Support Net."
            ) % {"name": person_name(link.user), "issuer": person_name(link.issued_by) if link.issued_by else _("The Support Net"),
                 "username": link.user.get_username(), "url": services.link_url(link),
                 "expires": japanese_datetime(link.expires_at)}
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [link.user.email])
    return True


def _what_changed(change):
    return {
        services.ENROLLED: _("An authenticator app was registered for two-factor sign-in to your account."),
        services.REPLACED: _("The authenticator app of your account was replaced by a new one."),
        services.REMOVED: _("Two-factor sign-in was removed from your account. You cannot enter the admin until "
                            "a coordinator sends you a new enrolment link."),
        services.RECOVERY_CODES: _("New recovery codes were issued for your account. The earlier ones no longer "
                                   "work."),
    }[change]


def send_notice(user_id, change, when):
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not user.email:
        return False
    with translation.override("ja"):
        subject = _("Tsunagu: your two-factor sign-in was changed")
        body = _(
            "%(name)s\n\n%(what)s\n(user name: %(username)s, %(when)s)\n\n"
            "If you did not make this change, tell the Support Net at once: someone else may know your password."
        ) % {"name": person_name(user), "what": _what_changed(change), "username": user.get_username(),
             "when": japanese_datetime(parse_datetime(when))}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return True
