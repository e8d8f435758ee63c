"""Demo agreements: the 26 partner groups of March 2024 (seed 000) as signed agreements.

The sources give neither signing dates nor terms; the demo assumes agreements signed at the end
of FY2023 (2024-03-29), in force from 2024-04-01 without a fixed end. No document is attached."""

import datetime

from django.db import transaction

from network.demo_organisations import rows
from network.models import Organisation

from .models import Agreement

SIGNED_ON = datetime.date(2024, 3, 29)
VALID_FROM = datetime.date(2024, 4, 1)


@transaction.atomic
def load_demo_agreements():
    created = 0
    for row in rows("partner_groups.csv"):
        organisation = Organisation.objects.get(name=row["name_ja"])
        number = f"R5-連携-{int(row['no']):03d}"
        _agreement, was_created = Agreement.objects.get_or_create(
            number=number, defaults={"organisation": organisation, "signed_on": SIGNED_ON,
                                     "valid_from": VALID_FROM, "note": "デモデータ（締結日・期間は仮）"})
        created += was_created
    return created
