"""The metropolitan coordinators' pipeline dashboard and CSV."""

import csv
import io

import pytest
from django.urls import reverse

from agreements.demo import load_demo_prospects
from tests.conftest import client_for
from tests.tenants.helpers import refused


@pytest.fixture
def pipeline(demo_organisations, tokyo, metro_coordinator):
    load_demo_prospects(user=metro_coordinator)


def test_dashboard_shows_counts_chart_and_medians(as_metro, pipeline):
    response = as_metro.get(reverse("agreements_dashboard"))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<rect ") == 8  # one bar per stage
    assert "ヒアリング予定" in body and "協定案作成" in body and "保留" in body


def test_pipeline_csv_lists_every_prospect(as_metro, pipeline):
    response = as_metro.get(reverse("agreements_pipeline_csv") + "?bom=1")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "団体名" and len(rows) == 7
    assert ["（デモ）つむぎ家族会", "協定案作成"] == rows[[r[0] for r in rows].index("（デモ）つむぎ家族会")][:2]


def test_dashboard_and_csv_are_refused_to_other_roles(as_shinjuku, partner_editor, pipeline):
    for client in (as_shinjuku, client_for(partner_editor)):
        assert refused(client.get(reverse("agreements_dashboard")))
        assert refused(client.get(reverse("agreements_pipeline_csv")))
