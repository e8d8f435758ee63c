"""Email a user the single-use link that registers their first authenticator, from the server:
how the first administrator gets in (afterwards administrators and metropolitan coordinators
issue links in the admin). Logged like every change."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tenants import second_factor_services

from ._accounts import user_named


class Command(BaseCommand):
    help = "Email a user a single-use link to register their first authenticator (valid 72 hours)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = user_named(username)
        try:
            link = second_factor_services.issue_enrolment_link(user, by=None)
        except second_factor_services.SecondFactorError as refused:
            raise CommandError(str(refused))
        expires = timezone.localtime(link.expires_at)
        self.stdout.write(f"{username}: enrolment link queued for {user.email}, valid until {expires:%Y-%m-%d %H:%M} JST.")
