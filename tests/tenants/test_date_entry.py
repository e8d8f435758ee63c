"""What staff type is what gets saved: every accepted way of writing a date reads as that date,
and anything else is refused (never read as another date)."""

import datetime

import pytest
from django import forms
from django.utils import timezone, translation

from tenants.date_entry import DateEntryField, DateTimeEntryField, parse_date, parse_datetime, parse_time

DEC_1 = datetime.date(2026, 12, 1)


@pytest.mark.parametrize("text", [
    "2026/12/1", "2026/12/01", "2026-12-01", "2026-12-1", "2026.12.1", "2026年12月1日", "2026年12月01日",
    "令和8年12月1日", "令和８年１２月１日", "２０２６年１２月１日", "２０２６／１２／１", "2026年12月1日（火）",
    "2026/12/1(火)", " 2026/12/1 ", "2026年12月1日(火曜日)",
])
def test_every_accepted_form_reads_as_the_typed_date(text):
    assert parse_date(text) == DEC_1


@pytest.mark.parametrize("text, expected", [
    ("令和元年5月1日", datetime.date(2019, 5, 1)),
    ("平成31年4月30日", datetime.date(2019, 4, 30)),
    ("2026年4月1日", datetime.date(2026, 4, 1)),
    ("2026年11月21日", datetime.date(2026, 11, 21)),
    ("2028/2/29", datetime.date(2028, 2, 29)),
])
def test_era_years_and_the_dates_that_used_to_turn_into_new_year(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [
    "", "2026", "2026年12月", "12月1日", "2026/13/1", "2026/2/30", "2027/2/29", "2026年12月1日（水）",
    "2026/12-1", "2026/12/1 14:00", "令和0年1月1日", "あした", "2026\x00/12/1", "2026/12/1\x1b",
    "1" * 200, "=HYPERLINK(\"x\")", "2026年12月1日 と 2日", "٢٠٢٦/١٢/١", "0001/01/01", "1867/1/1",
    "令和1年1月1日", "平成31年5月1日", "平成99年1月1日", "明治1年1月1日",
])
def test_anything_else_is_refused(text):
    assert parse_date(text) is None


@pytest.mark.parametrize("text, expected", [
    ("14:00", datetime.time(14, 0)), ("14時", datetime.time(14, 0)), ("14時30分", datetime.time(14, 30)),
    ("１４：００", datetime.time(14, 0)), ("9:05", datetime.time(9, 5)), ("午後2時", datetime.time(14, 0)),
    ("午前0時", datetime.time(0, 0)), ("午後0時", datetime.time(12, 0)), ("午後11時", datetime.time(23, 0)),
    ("14:00:30", datetime.time(14, 0, 30)),
])
def test_times(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "14:60", "25時", "午後13時", "午前12時", "午後12時", "14", "14時半", "2pm",
                                  "١٤:٠٠"])
def test_times_refused(text):
    assert parse_time(text) is None


@pytest.mark.parametrize("text", [
    "2027/2/15 14:00", "2027-02-15 14:00", "2027-02-15T14:00", "2027年2月15日 14:00", "2027年2月15日 14時",
    "2027年2月15日14時", "令和9年2月15日 14時", "２０２７年２月１５日　１４：００", "2027年2月15日（月） 14:00",
    "2027/2/15 午後2時",
])
def test_datetimes(text):
    assert parse_datetime(text) == datetime.datetime(2027, 2, 15, 14, 0)


@pytest.mark.parametrize("text", ["2027年2月15日", "14:00", "2027/2/15 25:00", "2027年2月15日 14時 15時",
                                  "2026/12/114:00", "2026/1/214:00", "0001/01/01 00:00"])
def test_a_date_alone_is_not_a_datetime(text):
    assert parse_datetime(text) is None


class Form(forms.Form):
    day = DateEntryField()
    at = DateTimeEntryField()


def test_the_form_saves_the_typed_date_in_japan_time():
    form = Form({"day": "令和8年12月1日", "at": "2027年2月15日 14:00"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == DEC_1
    at = form.cleaned_data["at"]
    assert timezone.localtime(at).replace(tzinfo=None) == datetime.datetime(2027, 2, 15, 14, 0)
    assert str(at.tzinfo) in ("Asia/Tokyo", "JST") or at.utcoffset() == datetime.timedelta(hours=9)


def test_a_refused_date_keeps_the_typed_text_and_says_why_in_japanese():
    with translation.override("ja"):
        form = Form({"day": "2026年12月32日", "at": "2027年2月15日"})
        assert not form.is_valid()
        assert "令和8年12月1日" in form.errors["day"][0] and "のように" in form.errors["day"][0]
        assert "時刻" in form.errors["at"][0] or "14時" in form.errors["at"][0]
        html = str(form["day"])
    assert 'value="2026年12月32日"' in html


def test_the_picker_keeps_typed_text_and_writes_the_configured_format(settings):
    html = str(Form()["day"])
    assert '"validateOnBlur": false' in html and '"format": "Y/m/d"' in html
    assert parse_date("2026/12/01") == DEC_1  # what the picker writes is read first
