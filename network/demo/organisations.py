"""Demo organisations: the 26 partner groups of March 2024 and 21 other organisations named in
the sources (network/data/), with readings from organisation_readings.csv. Only what the sources
say is filled in."""

import csv
from pathlib import Path

from django.db import transaction

from tenants.demo_guard import demo_only
from tenants.models import Municipality

from ..models import Organisation, SupportType

DATA = Path(__file__).resolve().parent.parent / "data"
TYPE_CODES = {
    "訪問": "home_visit", "フリースペース": "drop_in", "居場所": "drop_in",
    "社会体験": "social_experience", "家族会": "family_group", "就労支援": "employment",
    "ピア相談": "peer", "当事者会": "peer", "家族支援": "consultation", "ライフプラン": "consultation",
    "精神保健相談": "consultation", "発達障害相談": "consultation", "教育相談": "consultation",
    "若者相談": "consultation",
}
KINDS = {"民間支援団体": Organisation.Kind.PRIVATE, "家族会": Organisation.Kind.FAMILY,
         "当事者団体": Organisation.Kind.PEER, "公的機関": Organisation.Kind.PUBLIC,
         "地域若者サポートステーション": Organisation.Kind.YOUTH_STATION}


def rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _records():
    for row in rows("partner_groups.csv"):
        types = [t for t in row["support_types"].split(";") if t]
        kind = Organisation.Kind.FAMILY if "家族会" in types else Organisation.Kind.PRIVATE
        yield row["name_ja"], row["legal_form"], kind, types, row["locations"], row["source"]
    for row in rows("support_organisations_other.csv"):
        types = [t for t in row["support_types"].split(";") if t]
        yield row["name_ja"], "", KINDS[row["kind"]], types, row["locations"], row["source"]


@demo_only
@transaction.atomic
def load_demo_organisations():
    readings = {row["name_ja"]: row["name_kana"] for row in rows("organisation_readings.csv")}
    types = {t.code: t for t in SupportType.objects.all()}
    municipalities = {m.name: m for m in Municipality.objects.all()}
    created = 0
    for name, legal_form, kind, type_names, locations, source in _records():
        if Organisation.objects.filter(name=name).exists():
            continue
        served = [municipalities[place] for place in locations.split(";") if place in municipalities]
        organisation = Organisation.objects.create(
            name=name, name_kana=readings[name], legal_form=legal_form, kind=kind,
            base_municipality=served[0] if served else None, source=f"seeds {source}",
            # Audiences only where the kind says it: family groups serve families, youth
            # support stations the young people themselves.
            for_family=kind == Organisation.Kind.FAMILY,
            for_person=kind == Organisation.Kind.YOUTH_STATION,
            live=False,
        )
        organisation.support_types.set({types[TYPE_CODES[t]] for t in type_names if t in TYPE_CODES})
        organisation.municipalities_served.set(served)
        organisation.save_revision().publish()
        created += 1
    return created
