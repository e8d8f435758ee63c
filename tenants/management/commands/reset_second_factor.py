"""Remove a user's authenticator and recovery codes (a lost phone). Run by an administrator after
confirming the person's identity out of band; then a coordinator issues them a new enrolment
link (or `manage.py send_enrolment_link`). Logged and notified like every change."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tenants import second_factor_services


class Command(BaseCommand):
    help = "Remove a user's two-factor devices; they register a new authenticator through a new enrolment link."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        totp, static = second_factor_services.reset_second_factor(user)
        self.stdout.write(f"{username}: removed {totp} authenticator and {static} recovery-code records. "
                          "Send a new enrolment link (admin: Settings > Two-factor enrolment links).")
