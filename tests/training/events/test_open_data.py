"""The events' open data: the イベント一覧 CSV exactly in the standard's columns with its
required cells filled for every demo row, and event iCal feeds that carry the Asia/Tokyo VTIMEZONE."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.urls import reverse
from icalendar import Calendar

from training.events.demo import load_demo_events

from .helpers import make_event

COLUMNS_FILE = Path(__file__).with_name("open_data_event_columns.txt")
STANDARD = [line for line in COLUMNS_FILE.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
REQUIRED = ["イベント名", "イベント名_カナ", "開始日", "終了日", "開始時間", "終了時間", "説明", "場所名称", "住所"]


def records(response):
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return rows[0], [dict(zip(rows[0], row)) for row in rows[1:]]


def test_the_standards_list_has_its_32_columns():
    assert len(STANDARD) == 32 and len(set(STANDARD)) == 32
    assert STANDARD[0] == "都道府県コード又は市区町村コード" and STANDARD[-1] == "備考"


@pytest.mark.django_db
def test_every_demo_row_has_the_required_columns_and_the_header_is_the_standards(client):
    assert load_demo_events() > 20
    header, rows = records(client.get(reverse("events_csv"), {"bom": "1"}))
    assert header == STANDARD
    assert len(rows) > 40  # one row per session
    for row in rows:
        assert all(row[column].strip() for column in REQUIRED), row
        assert row["都道府県名"] == "東京都" and row["都道府県コード又は市区町村コード"] == "130001"
        datetime.date.fromisoformat(row["開始日"]) and datetime.date.fromisoformat(row["参加申込終了日"])
        assert int(row["定員"]) >= 0 and int(row["NO"]) > 0
        assert row["料金(基本)"] == "無料" and row["主催者"] == "東京都ひきこもりサポートネット"
    adachi = next(row for row in rows if row["イベント名"] == "平日個別相談会 第1回（足立）")
    assert adachi["イベント名_カナ"] == "ヘイジツコベツソウダンカイ ダイ1カイ（アダチ）"
    assert adachi["住所"] == "東京都足立区" and adachi["参加申込方法"]
    meeting = next(row for row in rows if row["イベント名"] == "連携団体交流会")
    assert meeting["住所"] == "東京都新宿区西新宿2-8-1" and meeting["定員"] == "60"
    assert "オンライン参加は定員なし" in meeting["備考"]
    assert len({row["NO"] for row in rows}) == len(rows)


@pytest.mark.django_db
def test_a_municipal_event_names_its_municipality_and_counts_online_seats_in_the_capacity(client, shinjuku):
    event, _ = make_event(seats=4, online=6, municipality=shinjuku, title="新宿区ひきこもり講演会",
                          title_kana="シンジュククヒキコモリコウエンカイ", description="講演と個別相談")
    _, rows = records(client.get(reverse("event_csv", args=[event.pk])))
    assert len(rows) == 2
    row = rows[0]
    assert row["都道府県コード又は市区町村コード"] == shinjuku.code and row["市区町村名"] == "新宿区"
    assert row["主催者"] == "新宿区" and row["料金(基本)"] == ""  # a municipality sets its own fees
    assert row["定員"] == "10" and "定員のうちオンライン6名" in row["備考"]
    assert row["住所"] == "東京都新宿区"  # no address entered: the municipality, never blank
    assert (row["開始日"], row["開始時間"], row["終了時間"], row["参加申込終了時間"]) == (
        event.sessions.order_by("starts_at")[0].starts_at.astimezone(
            datetime.timezone(datetime.timedelta(hours=9))).strftime("%Y-%m-%d"), "10:00", "11:00", "17:00")


@pytest.mark.django_db
def test_a_formula_in_a_title_is_not_live_in_the_csv(client):
    event, _ = make_event(title="=HYPERLINK(\"http://evil\")")
    _, rows = records(client.get(reverse("event_csv", args=[event.pk])))
    assert not rows[0]["イベント名"].startswith("=")


@pytest.mark.django_db
@pytest.mark.parametrize("feed", ["events", "event"])
def test_ical_feeds_carry_the_tokyo_vtimezone(client, feed):
    event, _ = make_event()
    url = reverse("events_ical") if feed == "events" else reverse("event_ical", args=[event.pk])
    calendar = Calendar.from_ical(client.get(url).content)
    zones = calendar.walk("VTIMEZONE")
    assert [str(zone["tzid"]) for zone in zones] == ["Asia/Tokyo"]
    entries = calendar.walk("VEVENT")
    assert entries and all(entry["dtstart"].params["TZID"] == "Asia/Tokyo" for entry in entries)
