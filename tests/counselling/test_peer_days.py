"""The peer online consultation calendar (seed 001 §ピアオンライン相談): odd months, 2nd Thursday
family side, 4th Thursday self side, four one-hour groups a day. No database."""

import datetime

import pytest
from django.utils import translation

from counselling.peer_days import (
    FAMILY, PEER_GROUPS_PER_DAY, PEER_SLOTS, SELF, PeerSide, nth_thursday, peer_days, peer_days_between,
    peer_side,
)
from tenants.working_days import holiday_name

D = datetime.date
YEARS = (2026, 2027, 2028)
HOLIDAY_RULE_DAYS = {D(2027, 9, 23): "秋分の日", D(2028, 11, 23): "勤労感謝の日"}  # both 4th Thursdays


def week_of_month(day):
    return (day.day - 1) // 7 + 1


@pytest.mark.parametrize("year", YEARS)
def test_family_days_are_2nd_thursdays_and_self_days_4th_thursdays_of_odd_months_only(year):
    days = peer_days(year)
    assert days == sorted(days) and days
    for day, side in days:
        assert day.year == year and day.weekday() == 3 and day.month % 2 == 1
        assert week_of_month(day) == {FAMILY: 2, SELF: 4}[side]
    assert not [day for day, _side in days if day.month % 2 == 0]
    # Every odd month has its two days, except a rule day that is a public holiday.
    expected = {(nth_thursday(year, month, week), side) for month in (1, 3, 5, 7, 9, 11)
                for side, week in ((FAMILY, 2), (SELF, 4))}
    assert set(days) == {pair for pair in expected if pair[0] not in HOLIDAY_RULE_DAYS}


def test_known_dates():
    days_2027 = dict(peer_days(2027))
    assert days_2027[D(2027, 1, 14)] == FAMILY and days_2027[D(2027, 1, 28)] == SELF
    assert days_2027[D(2027, 3, 11)] == FAMILY and days_2027[D(2027, 3, 25)] == SELF
    assert days_2027[D(2027, 11, 11)] == FAMILY and days_2027[D(2027, 11, 25)] == SELF
    assert peer_side(D(2026, 1, 8)) == FAMILY and peer_side(D(2026, 1, 22)) == SELF
    assert peer_side(D(2028, 1, 13)) == FAMILY and peer_side(D(2028, 1, 27)) == SELF
    # A month that starts on a Thursday: its 1st is the first Thursday, not a peer day.
    assert D(2026, 1, 1).weekday() == 3 and peer_side(D(2026, 1, 1)) is None
    assert peer_side(D(2027, 2, 11)) is None and peer_side(D(2027, 2, 25)) is None  # February: even
    assert peer_side(D(2027, 1, 21)) is None  # the 3rd Thursday
    assert len(peer_days(2026)) == 12


def test_a_rule_day_on_a_public_holiday_is_left_out_unless_asked_for():
    for day, name in HOLIDAY_RULE_DAYS.items():
        assert holiday_name(day) == name and week_of_month(day) == 4
        assert peer_side(day) is None and (day, SELF) not in peer_days(day.year)
        assert peer_side(day, on_holidays=True) == SELF
        assert (day, SELF) in peer_days(day.year, on_holidays=True)
    assert len(peer_days(2027)) == 11 and len(peer_days(2027, on_holidays=True)) == 12


def test_peer_days_between_includes_both_ends_and_crosses_years():
    assert peer_days_between(D(2026, 11, 26), D(2027, 1, 14)) == [(D(2026, 11, 26), SELF), (D(2027, 1, 14), FAMILY)]
    assert peer_days_between(D(2026, 11, 27), D(2027, 1, 13)) == []
    assert peer_days_between(D(2027, 2, 1), D(2027, 2, 28)) == []
    assert peer_days_between(D(2027, 1, 1), D(2027, 12, 31)) == peer_days(2027)
    moment = datetime.datetime(2027, 1, 13, 15, 30, tzinfo=datetime.timezone.utc)  # 1/14 00:30 in Japan
    assert peer_days_between(moment, D(2027, 1, 14)) == [(D(2027, 1, 14), FAMILY)]
    assert peer_days_between(D(2027, 2, 1), D(2027, 1, 1)) == []


def test_four_one_hour_groups_a_day_in_the_afternoon():
    assert PEER_GROUPS_PER_DAY == 4 and len(PEER_SLOTS) == PEER_GROUPS_PER_DAY
    for start, end in PEER_SLOTS:
        length = datetime.datetime.combine(D(2027, 1, 14), end) - datetime.datetime.combine(D(2027, 1, 14), start)
        assert length == datetime.timedelta(hours=1) and start.hour >= 12
    assert [start for start, _end in PEER_SLOTS] == sorted(start for start, _end in PEER_SLOTS)


def test_the_sides_read_in_japanese():
    with translation.override("ja"):
        assert str(PeerSide.FAMILY.label) == "家族側のピアサポーター（ご家族の立場）"
        assert str(PeerSide.SELF.label) == "本人側のピアサポーター（ご本人の立場）"
    assert PeerSide.FAMILY == "family" and PeerSide.SELF == "self"
