"""Demo consultation windows from the sources (network/data/consultation_windows.csv).

The source list is incomplete on purpose; fields the sources do not give stay empty."""

import csv
import re
from pathlib import Path

from django.db import transaction

from tenants.demo_guard import demo_only
from tenants.models import Municipality
from tenants.phones import normalise_phone

from ..models import ConsultationMethod, ConsultationWindow

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "consultation_windows.csv"
CONTRACTED = re.compile(r"^(.*?)（委託）$")


def parse_ages(target):
    """'15歳から49歳' → (15, 49); '18歳以下' → (None, 18); '19歳以上' → (19, None)."""
    if match := re.search(r"(\d+)歳から(\d+)歳", target):
        return int(match[1]), int(match[2])
    if match := re.search(r"(\d+)歳以下", target):
        return None, int(match[1])
    if match := re.search(r"(\d+)歳以上", target):
        return int(match[1]), None
    return None, None


@demo_only
@transaction.atomic
def load_demo_windows(path=DATA_FILE):
    methods = {m.name: m for m in ConsultationMethod.objects.all()}
    municipalities = {m.name: m for m in Municipality.objects.all()}
    created = 0
    with open(path, encoding="utf-8", newline="") as handle:
        for order, row in enumerate(csv.DictReader(handle)):
            municipality = municipalities[row["municipality"]]
            if ConsultationWindow.objects.filter(municipality=municipality, name=row["window_name"]).exists():
                continue
            department = row["department"]
            contractor = ""
            if match := CONTRACTED.match(department):
                contractor = match[1] or ""
                department = ""
            min_age, max_age = parse_ages(row["target"])
            window = ConsultationWindow(
                municipality=municipality, name=row["window_name"], department=department,
                run_by_contractor=bool(CONTRACTED.match(row["department"])), contractor=contractor,
                target=row["target"], min_age=min_age, max_age=max_age, hours=row["hours"],
                phone=normalise_phone(row["phone"]), email=row["email"], url=row["url"],
                sort_order=order, source=row["source_note"],
                # Demo assumption: seed 001 sends home-visit applications to "各区市町村の窓口";
                # the sources do not say which window, so windows that visit themselves take them.
                accepts_visit_applications="訪問" in row["methods"],
                live=False,
            )
            if window.run_by_contractor and not window.contractor:
                window.contractor = "委託事業者"
            window.save()
            window.methods.set([methods[name] for name in row["methods"].split(";") if name in methods])
            window.save_revision().publish()
            created += 1
    return created
