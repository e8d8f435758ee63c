"""manage.py export_municipality <slug> [--output FILE] [--include-personal-data]"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from cms.municipality_export import export
from tenants.models import Municipality


class Command(BaseCommand):
    help = ("Write one municipality's data (windows, platform members, organisations, events, sessions, "
            "applications without applicants' personal data, page/document/image metadata) as JSON. "
            "Case reviews are never exported.")

    def add_arguments(self, parser):
        parser.add_argument("slug", help="e.g. shinjuku")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument("--include-personal-data", action="store_true",
                            help="also export applicants' names, furigana, phone numbers and emails")

    def handle(self, slug, output=None, include_personal_data=False, **options):
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is None:
            raise CommandError(f"No municipality with slug {slug!r}.")
        data = export(municipality, include_personal_data=include_personal_data)
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            counts = ", ".join(f"{key} {len(value)}" for key, value in data.items() if isinstance(value, list))
            self.stderr.write(f"{municipality.slug}: wrote {output} ({counts})")
        else:
            sys.stdout.write(text + "\n")
