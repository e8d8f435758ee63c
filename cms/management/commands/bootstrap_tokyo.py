from django.core.management.base import BaseCommand

from cms.bootstrap import bootstrap_tokyo


class Command(BaseCommand):
    help = "Create the portal, the 62 municipal spaces, their groups, collections and permissions (idempotent)."

    def handle(self, *args, **options):
        report = bootstrap_tokyo()
        self.stdout.write(
            f"municipalities: {report.municipalities_created} created, "
            f"{report.municipalities_updated} updated; "
            f"home page {'created' if report.home_created else 'kept'}; "
            f"municipality pages created: {len(report.pages_created)}"
        )
