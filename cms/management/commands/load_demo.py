from django.core.management.base import BaseCommand
from django.utils import translation

from cms.demo import describe_logins, load_demo


class Command(BaseCommand):
    help = "Load demo portal pages and news and create one demo user per role (idempotent)."

    def handle(self, *args, **options):
        result = load_demo()
        self.stdout.write(
            f"demo: {result['pages']} portal pages, {result['news']} news items, "
            f"{result['windows']} windows, {result['organisations']} organisations, "
            f"{result['agreements']} agreements, {result['prospects']} prospects, "
            f"{result['experts']} experts, {result['consultation_requests']} consultation requests, "
            f"{result['events']} events, "
            f"{len(result['users'])} users (counts are of rows "
            f"added now); {result['total_pages']} pages in all")
        with translation.override("ja"):
            self.stdout.write("デモ用ログイン (http://127.0.0.1:8000/admin/):")
            for line in describe_logins():
                self.stdout.write(line)
