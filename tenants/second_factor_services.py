"""Every change to a user's second factor, one function each: issue an enrolment link, register
the first authenticator through it, replace or remove the authenticator (a current code asked
first), issue new recovery codes. Each runs in one transaction, writes a Wagtail log entry on the
user (the admin's site history) and emails the user a notice without any secret.

The first authenticator is registered only through a single-use link that an administrator or a
metropolitan coordinator issues (tenants.access decides who for whom) and that is emailed to the
user: someone who only knows the password cannot register a device of their own. The emailed URL
carries the EnrolmentLink's id signed with the secret key; the row decides whether it may be used."""

import datetime

import django_otp
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_q.tasks import async_task
from wagtail.log_actions import log

from . import access, second_factor
from .jpdates import japanese_datetime
from .models import EnrolmentLink

SALT = "tsunagu.second-factor-enrolment"
# A signed token is about 40 characters; anything far longer is not one of ours.
MAX_TOKEN_LENGTH = 200
ISSUED, ENROLLED, REPLACED, REMOVED, RECOVERY_CODES = "link_issued", "enrolled", "replaced", "removed", "recovery_codes"
LOG_ACTIONS = {change: f"tsunagu.second_factor_{change}" for change in (ISSUED, ENROLLED, REPLACED, REMOVED,
                                                                        RECOVERY_CODES)}


class SecondFactorError(Exception):
    """A refused change; the message says why, in words for the user."""


def valid_hours() -> int:
    return getattr(settings, "TSUNAGU_ENROLMENT_LINK_HOURS", 72)


def token_for(link) -> str:
    return signing.dumps({"e": link.pk}, salt=SALT)


def link_url(link) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("second_factor_enrol", args=[token_for(link)])


def _record(user, change, by, **data):
    """The log entry on the user, and the notice email after the commit (the link issued has its
    own email: the link)."""
    # request.user is a lazy object inside django-otp's lazy object, which Wagtail's log() does not
    # see through (it skips the entry silently): log on the user row itself.
    subject = get_user_model().objects.get(pk=user.pk)
    log(subject, LOG_ACTIONS[change], user=by, data={"user": user.get_username(), **data})
    if change != ISSUED:
        user_id, when = user.pk, timezone.now().isoformat()
        transaction.on_commit(lambda: async_task("tenants.tasks.send_second_factor_notice", user_id, change, when))


@transaction.atomic
def issue_enrolment_link(user, by):
    """A new link for `user` (earlier unused ones stop working), emailed through a task. `by` None
    is the server's administrator (manage.py send_enrolment_link: the first superuser's way in)."""
    if by is not None and not access.may_issue_enrolment_link(by, user):
        raise PermissionDenied
    if not user.email:
        raise SecondFactorError(_("%(user)s has no email address, so no link can be sent. Add one first.") % {
            "user": user.get_username()})
    if second_factor.has_authenticator(user):
        raise SecondFactorError(_("%(user)s already has an authenticator, so a link would not work. After a lost "
                                  "phone, the system administrator resets it first (manage.py reset_second_factor).")
                                % {"user": user.get_username()})
    link = _new_link(user, by)
    transaction.on_commit(lambda: async_task("tenants.tasks.send_enrolment_link", link.pk))
    return link


@transaction.atomic
def issue_link_for_invitation(user, invited_by):
    """The link for an editor who has just accepted an invitation, handed to them at once rather
    than emailed: the invitation, emailed by a metropolitan coordinator (who alone may invite,
    tenants.access.can_manage_organisation_editors), already proved the address."""
    return _new_link(user, invited_by, via="invitation")


def _new_link(user, by, **data):
    now = timezone.now()
    EnrolmentLink.objects.filter(user=user, used_at=None, revoked_at=None).update(revoked_at=now)
    link = EnrolmentLink.objects.create(user=user, issued_by=by, created_at=now,
                                        expires_at=now + datetime.timedelta(hours=valid_hours()))
    _record(user, ISSUED, by, expires=link.expires_at.isoformat(), **data)
    return link


def usable_link(token, user):
    """The link behind `token` if `user` may use it now, or SecondFactorError saying why not."""
    try:
        if len(token) > MAX_TOKEN_LENGTH:
            raise signing.BadSignature
        link = EnrolmentLink.objects.get(pk=int(signing.loads(token, salt=SALT)["e"]))
    except (signing.BadSignature, EnrolmentLink.DoesNotExist, KeyError, TypeError, ValueError):
        raise SecondFactorError(_("This enrolment link is not valid. Check that you copied the whole link."))
    if link.user_id != user.pk:
        raise SecondFactorError(_("This enrolment link was sent to another person. Sign in with your own account "
                                  "and open the link from your own email."))
    if link.used_at is not None:
        raise SecondFactorError(_("This enrolment link has already been used. Ask your coordinator for a new one."))
    if link.revoked_at is not None:
        raise SecondFactorError(_("A newer enrolment link was sent to you: use that one."))
    if link.expires_at <= timezone.now():
        raise SecondFactorError(_("This enrolment link expired on %(date)s. Ask your coordinator for a new one.") % {
            "date": japanese_datetime(link.expires_at)})
    if second_factor.has_authenticator(user):
        raise SecondFactorError(_("You already have an authenticator. To change it, use 'Replace authenticator' "
                                  "after signing in."))
    return link


def pending_authenticator(user, fresh=False):
    """The unconfirmed authenticator being set up (one per user). `fresh` draws a new key, so a
    half-finished setup's key is never shown twice."""
    if fresh:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=second_factor.AUTHENTICATOR).first()
    return device or TOTPDevice.objects.create(user=user, confirmed=False, name=second_factor.AUTHENTICATOR)


def _right_code(request, device, code) -> bool:
    code = second_factor.clean_code(code)
    return bool(code) and device.user_id == request.user.pk and not device.confirmed and device.verify_token(code)


def _confirm(request, device):
    """The pending authenticator becomes the user's one authenticator, verified in this session."""
    TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    django_otp.login(request, device)


@transaction.atomic
def enrol(request, token, device, code) -> list | None:
    """Register the first authenticator through the link (used up). Returns the recovery codes
    (shown once), or None when the code is wrong (the link stays usable)."""
    link = usable_link(token, request.user)
    if not _right_code(request, device, code):
        return None
    # A conditional UPDATE: of two tabs posting at once, one finds the link taken.
    if not EnrolmentLink.objects.filter(pk=link.pk, used_at=None).update(used_at=timezone.now()):
        raise SecondFactorError(_("This enrolment link has already been used. Ask your coordinator for a new one."))
    _confirm(request, device)
    _record(request.user, ENROLLED, request.user, issued_by=link.issued_by.get_username() if link.issued_by else "")
    return second_factor.issue_recovery_codes(request.user)


def _require_current_code(user, code):
    """A code from the current authenticator or a recovery code (used up). Asked outside the
    change's transaction, so that django-otp's count of wrong codes (its throttle) is kept."""
    code = second_factor.clean_code(code)
    device = django_otp.match_token(user, code) if code else None
    if device is None or not device.confirmed:
        raise SecondFactorError(_("The current code is not right. Enter a code from your current authenticator app, "
                                  "or one of your recovery codes."))


def replace_authenticator(request, current_code, device, new_code):
    """The new authenticator replaces the old one once a code from the new app and a current code
    (or a recovery code) are right; otherwise nothing changes. The new app's code is checked first,
    so a wrong one does not use up a recovery code."""
    if not second_factor.has_authenticator(request.user):
        raise SecondFactorError(_("You have no authenticator yet. Ask your coordinator for an enrolment link."))
    if not _right_code(request, device, new_code):
        raise SecondFactorError(_("The code from the new app is not right. Enter the 6-digit code it shows now."))
    _require_current_code(request.user, current_code)
    with transaction.atomic():
        _confirm(request, device)
        _record(request.user, REPLACED, request.user)


def remove_second_factor(user, current_code):
    """The user removes their authenticator and recovery codes, with a current code. Afterwards
    only a new enrolment link opens the admin again."""
    _require_current_code(user, current_code)
    with transaction.atomic():
        return _remove(user, by=user)


@transaction.atomic
def reset_second_factor(user):
    """An administrator's reset for a lost phone (manage.py reset_second_factor), after confirming
    the person out of band: no code is asked."""
    return _remove(user, by=None)


def _remove(user, by):
    totp, _ = TOTPDevice.objects.filter(user=user).delete()
    static, _ = StaticDevice.objects.filter(user=user).delete()
    _record(user, REMOVED, by)
    return totp, static


@transaction.atomic
def regenerate_recovery_codes(user) -> list:
    codes = second_factor.issue_recovery_codes(user)
    _record(user, RECOVERY_CODES, user)
    return codes


def recent_links(count=20):
    """The latest links issued, for the issuing page (Tokyo's)."""
    return EnrolmentLink.objects.select_related("user", "issued_by")[:count]
