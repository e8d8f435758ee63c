"""Remove a user's authenticator and recovery codes (a lost phone). Run by an administrator after
confirming the person's identity out of band; then a coordinator issues them a new enrolment
link (or `manage.py send_enrolment_link`). Logged and notified like every change."""

from django.core.management.base import BaseCommand

from tenants import second_factor_services

from ._accounts import user_named


class Command(BaseCommand):
    help = "Remove a user's two-factor devices; they register a new authenticator through a new enrolment link."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = user_named(username)
        totp, static = second_factor_services.reset_second_factor(user)
        self.stdout.write(f"{username}: removed {totp} authenticator and {static} recovery-code records. "
                          "Send a new enrolment link (admin: Settings > Two-factor enrolment links).")
