"""An email to the person whenever their password changes (OWASP ASVS V2.2.3, V2.5.5), so a
password changed by someone else is noticed. It says what happened and when, never the password,
and what to do if it was not them.

Django calls `password_changed()` of every configured password validator after a user with a new
password is saved, whichever path changed it (the account page, a password reset, a command);
this class is listed in AUTH_PASSWORD_VALIDATORS for that hook only. A user who has never signed
in is setting their first password (an invitation), which is not news to them."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .jpdates import japanese_datetime, person_name


class PasswordChangeNotice:
    def validate(self, password, user=None):
        return None

    def get_help_text(self):
        return ""

    def password_changed(self, password, user=None):
        if user is None or user.pk is None or user.last_login is None or not user.email:
            return
        from django_q.tasks import async_task

        user_id, when = user.pk, timezone.now().isoformat()
        transaction.on_commit(lambda: async_task("tenants.account_notices.send_password_changed", user_id, when))


def send_password_changed(user_id, when):
    from django.contrib.auth import get_user_model
    from django.utils.dateparse import parse_datetime

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    with translation.override("ja"):
        subject = _("Your Tsunagu password was changed")
        body = _(
            "%(name)s\n\nThe password of your Tsunagu account (%(username)s) was changed on %(when)s.\n\n"
            "If you changed it, there is nothing more to do.\n"
            "If you did not, your account may be in someone else's hands: ask your coordinator or the "
            "Tokyo Support Net office to lock it at once, then reset your password from the sign-in page."
        ) % {"name": person_name(user), "username": user.get_username(),
             "when": japanese_datetime(parse_datetime(when))}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return True
