"""Demo agreements: the 26 partner groups of March 2024 (seed 000) as signed agreements.

The sources give neither signing dates nor terms; the demo assumes agreements signed at the end
of FY2023 (2024-03-29), in force from 2024-04-01 without a fixed end. No document is attached."""

import datetime

from django.db import transaction

from network.demo.organisations import rows
from network.models import Organisation
from tenants.demo_guard import demo_only

from .models import Agreement

SIGNED_ON = datetime.date(2024, 3, 29)
VALID_FROM = datetime.date(2024, 4, 1)


@demo_only
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


# Fictional candidates (not in the public directory) at each stage of the pipeline.
DEMO_PROSPECTS = [
    ("（デモ）ひだまりの会", "referral", "shinjuku", []),
    ("（デモ）あさがおフリースペース", "research", None, ["schedule_hearing"]),
    ("（デモ）みちくさ農園", "agency", None, ["schedule_hearing", "visit:pass", "record_site_visit"]),
    ("（デモ）つむぎ家族会", "application", None,
     ["schedule_hearing", "visit:pass", "record_site_visit", "draft_agreement"]),
    ("（デモ）こもれび居場所", "referral", "bunkyo", ["schedule_hearing", "hold"]),
    ("（デモ）そよかぜ学習室", "research", None, ["decline"]),
]


@demo_only
@transaction.atomic
def load_demo_prospects(user=None):
    import datetime

    from tenants.models import Municipality

    from .models import Prospect, SiteVisit
    from .services import change_stage

    cooperating = Organisation.objects.filter(name="KHJ町田家族会").first()
    created = 0
    for name, source, municipality_slug, steps in DEMO_PROSPECTS:
        organisation, _ = Organisation.objects.get_or_create(
            name=name, defaults={"name_kana": "でもこうほ", "live": False, "source": "demo"})
        if Prospect.objects.filter(organisation=organisation).exists():
            continue
        prospect = Prospect.objects.create(
            organisation=organisation, source=source, assigned_to=user,
            referred_by=Municipality.objects.get(slug=municipality_slug) if municipality_slug else None,
            next_step="ヒアリングの日程調整", next_step_on=datetime.date(2026, 12, 10))
        for step in steps:
            if step.startswith("visit:"):
                visit = SiteVisit.objects.create(
                    prospect=prospect, visited_on=datetime.date(2026, 10, 15), result=step.split(":")[1],
                    cooperating_group=cooperating, findings="デモの記録です。",
                    **{field: True for field in SiteVisit.CHECKLIST})
                if user:
                    visit.coordinators.add(user)
            else:
                prospect = change_stage(prospect, step, user=user, note="デモデータ")
        created += 1
    return created
