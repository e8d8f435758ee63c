"""Load the 62 municipalities from the project's copy of the code list (tenants/data/)."""

import csv
from pathlib import Path

from django.db import transaction

from .models import Municipality

DATA_FILE = Path(__file__).resolve().parent / "data" / "tokyo_municipalities.csv"
FIELDS = {"name_ja": "name", "name_kana": "name_kana", "name_en": "name_en",
          "slug": "slug", "kind": "kind", "area": "area"}


def read_rows(path=DATA_FILE):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_municipalities(path=DATA_FILE):
    """Create or update every municipality by code; returns (created, updated) counts.
    Each row is validated (code check digit included) before anything is written."""
    rows = read_rows(path)
    instances = []
    for row in rows:
        instance = Municipality.objects.filter(code=row["code"]).first() or Municipality(code=row["code"])
        before = {field: getattr(instance, field) for field in FIELDS.values()}
        for column, field in FIELDS.items():
            setattr(instance, field, row[column])
        instance.full_clean(exclude=["root_page", "collection", "coordinators_group", "members_group"],
                            validate_unique=False)
        instances.append((instance, before))
    created = updated = 0
    for instance, before in instances:
        if instance.pk is None:
            instance.save()
            created += 1
        elif before != {field: getattr(instance, field) for field in FIELDS.values()}:
            instance.save()
            updated += 1
    return created, updated
