"""Every CSV export goes through the one safe writer (tenants.spreadsheets), so a cell typed as
=HYPERLINK(…), +cmd, -1, @SUM or starting with a tab or CR never runs in a spreadsheet
(issue 18). Each export is asked with such text in what it writes; the source is checked so that
a new export cannot write CSV another way."""

import ast
import csv
import io
from pathlib import Path

import pytest
from django.urls import reverse

from agreements.models import Prospect
from network.models import Organisation
from tests.training.events.helpers import make_event, person
from training.events import services as bookings

ROOT = Path(__file__).resolve().parents[2]
FORMULA = '=HYPERLINK("http://evil.example/","開く")'
RUNNABLE = ("=", "+", "-", "@", "\t", "\r")


def rows_of(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def assert_nothing_runs(rows, typed):
    cells = [cell for row in rows for cell in row]
    assert any(typed.lstrip("=+-@") in cell for cell in cells), "the typed text is not in the export"
    assert not [cell for cell in cells if cell.startswith(RUNNABLE)], "a cell would run as a formula"


def test_the_pipeline_export_writes_formulas_as_text(as_metro, tokyo):
    organisation = Organisation.objects.create(name="+cmd団体", name_kana="てすと", live=True)
    Prospect.objects.create(organisation=organisation, source=Prospect.Source.REFERRAL,
                            referred_by=tokyo["shinjuku"], next_step=FORMULA)
    rows = rows_of(as_metro.get(reverse("agreements_pipeline_csv")))
    assert_nothing_runs(rows, FORMULA)
    assert any("+cmd団体" in cell for row in rows for cell in row)


def test_the_pipeline_export_is_tokyos_only(as_shinjuku, tokyo):
    response = as_shinjuku.get(reverse("agreements_pipeline_csv"))
    assert response.status_code in (302, 403) and not response["Content-Type"].startswith("text/csv")


def test_the_event_statistics_export_writes_formulas_as_text(as_metro, db):
    event, sessions = make_event(title="@SUM(A1:A9)研修")
    bookings.apply(event, [sessions[0]], **person(1))
    assert_nothing_runs(rows_of(as_metro.get(reverse("event_statistics") + "?format=csv")), "@SUM(A1:A9)研修")


def _writes_csv_itself(tree):
    """csv.writer / csv.DictWriter called directly (not through tenants.spreadsheets)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("writer", "DictWriter") \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "csv":
            return True
    return False


@pytest.mark.parametrize("app", ["cms", "tenants", "network", "agreements", "training"])
def test_no_export_writes_csv_except_through_the_safe_writer(app):
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / app).rglob("*.py")
                 if path.name != "spreadsheets.py" and "migrations" not in path.parts
                 and _writes_csv_itself(ast.parse(path.read_text(encoding="utf-8")))]
    assert not offenders, f"CSV written without tenants.spreadsheets: {offenders}"


def test_the_site_history_export_writes_a_name_typed_at_sign_in_as_text(client, as_metro, db):
    """A name typed at the sign-in page is kept in the audit trail as typed; Wagtail's own CSV
    export of the site history wrote it as it was (tenants/wagtail_exports.py)."""
    typed = '=HYPERLINK("http://evil.example/","開く")'
    client.post(reverse("wagtailadmin_login"), {"username": typed, "password": "wrong"})
    response = as_metro.get(reverse("wagtailadmin_reports:site_history") + "?export=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    cells = [cell for row in rows[1:] for cell in row]
    assert any("HYPERLINK" in cell for cell in cells), "the failed sign-in is not in the export"
    assert not [cell for cell in cells if cell.startswith(RUNNABLE)]
