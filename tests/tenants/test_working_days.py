"""Reply due dates in working days (issue 20): weekends, public holidays from jpholiday (振替休日
included) and the year-end break 12/29–1/3 are skipped. The expected dates were read off the
2026–2028 calendar; the holiday names asserted here show why each day is skipped. No database."""

import datetime

import pytest

from tenants.working_days import (
    JST, add_working_days, holiday_name, is_working_day, is_year_end_break, next_working_day,
    working_days_between,
)

D = datetime.date


def jst(*args):
    return datetime.datetime(*args, tzinfo=JST)


def test_golden_week_2027_a_message_on_showa_day_is_due_after_the_weekend_and_the_holidays():
    assert holiday_name(D(2027, 4, 29)) == "昭和の日" and D(2027, 4, 29).weekday() == 3  # Thursday
    assert [holiday_name(D(2027, 5, day)) for day in (3, 4, 5)] == ["憲法記念日", "みどりの日", "こどもの日"]
    # Counted from Friday 4/30; then 5/1–5/5 are closed: 5/6 (1), 5/7 (2), Monday 5/10 (3).
    assert add_working_days(D(2027, 4, 29), 3) == D(2027, 5, 10)
    assert add_working_days(D(2027, 4, 28), 3) == D(2027, 5, 7)  # Wednesday: 4/30, 5/6, 5/7
    assert add_working_days(jst(2027, 4, 29, 21, 5), 3) == jst(2027, 5, 10, 21, 5)
    assert working_days_between(D(2027, 4, 29), D(2027, 5, 10)) == 3


def test_a_message_before_the_new_year_break_is_due_after_it_and_the_weekend():
    assert is_working_day(D(2026, 12, 28))  # Monday, the last day before the break
    assert all(is_year_end_break(D(2026, 12, day)) for day in (29, 30, 31))
    assert all(is_year_end_break(D(2027, 1, day)) for day in (1, 2, 3))
    assert not is_year_end_break(D(2026, 12, 28)) and not is_year_end_break(D(2027, 1, 4))
    # 12/29–1/3 closed (1/2 and 1/3 are also a weekend): 1/4 (1), 1/5 (2), 1/6 (3).
    assert add_working_days(jst(2026, 12, 28, 16, 0), 3) == jst(2027, 1, 6, 16, 0)
    assert add_working_days(D(2026, 12, 30), 0) == D(2027, 1, 4)  # arrives in the break: counted from 1/4
    assert add_working_days(D(2026, 12, 30), 3) == D(2027, 1, 7)


def test_friday_evening_is_due_on_wednesday_at_the_same_time_in_japan():
    friday_evening = jst(2026, 12, 4, 18, 30)
    assert add_working_days(friday_evening, 3) == jst(2026, 12, 9, 18, 30)
    # The same moment written in UTC: read in Japan time, and still the same moment after.
    utc = friday_evening.astimezone(datetime.timezone.utc)
    assert (utc.day, utc.hour) == (4, 9)
    due = add_working_days(utc, 3)
    assert due == jst(2026, 12, 9, 18, 30) and due.utcoffset() == datetime.timedelta(hours=9)
    # A naive datetime is Japan wall time and stays naive.
    assert add_working_days(datetime.datetime(2026, 12, 4, 18, 30), 3) == datetime.datetime(2026, 12, 9, 18, 30)


def test_a_utc_moment_that_is_already_saturday_in_japan_counts_from_monday():
    late_friday_utc = datetime.datetime(2026, 12, 4, 15, 30, tzinfo=datetime.timezone.utc)  # Sat 00:30 JST
    assert not is_working_day(late_friday_utc)
    assert add_working_days(late_friday_utc, 3) == jst(2026, 12, 10, 0, 30)  # Mon (0) → Thu


def test_substitute_and_citizens_holidays_are_not_working_days():
    assert holiday_name(D(2027, 3, 21)) == "春分の日" and D(2027, 3, 21).weekday() == 6
    assert holiday_name(D(2027, 3, 22)) == "春分の日 振替休日" and not is_working_day(D(2027, 3, 22))
    assert add_working_days(D(2027, 3, 19), 1) == D(2027, 3, 23)  # Fri → Tue, over the 振替休日 Monday
    assert holiday_name(D(2026, 5, 6)) == "憲法記念日 振替休日"
    assert add_working_days(D(2026, 5, 1), 1) == D(2026, 5, 7)  # 5/4, 5/5, 5/6 closed
    assert holiday_name(D(2026, 9, 22)) == "国民の休日"
    assert add_working_days(D(2026, 9, 18), 1) == D(2026, 9, 24)  # 9/21, 9/22, 9/23 closed


@pytest.mark.parametrize("start, n, due", [
    (D(2027, 12, 28), 1, D(2028, 1, 4)),   # Tue → Tue: 12/29–1/3 (1/1 a Saturday)
    (D(2028, 12, 28), 1, D(2029, 1, 4)),   # Thu → Thu
    (D(2027, 12, 24), 3, D(2028, 1, 4)),   # Fri: 12/27 (1), 12/28 (2), 1/4 (3)
    (D(2027, 1, 8), 1, D(2027, 1, 12)),    # Fri → Tue: 1/11 成人の日
    (D(2027, 12, 31), 0, D(2028, 1, 4)),
])
def test_year_boundaries(start, n, due):
    assert add_working_days(start, n) == due
    assert working_days_between(start, due) == n


def test_weekends_are_not_working_days_and_ordinary_weekdays_are():
    assert [is_working_day(D(2026, 12, day)) for day in range(7, 14)] == [True] * 5 + [False] * 2
    assert next_working_day(D(2026, 12, 12)) == D(2026, 12, 14)
    assert next_working_day(D(2026, 12, 14)) == D(2026, 12, 14)


def test_working_days_between_is_the_inverse_of_add_working_days_over_three_years():
    day = D(2026, 1, 1)
    while day <= D(2028, 12, 31):
        for n in (0, 1, 3, 5):
            due = add_working_days(day, n)
            assert is_working_day(due) and due >= day
            assert working_days_between(day, due) == n, (day, n)
        day += datetime.timedelta(days=1)


def test_working_days_between_ignores_the_time_of_day_and_is_signed():
    assert working_days_between(jst(2026, 12, 4, 18, 0), jst(2026, 12, 9, 9, 0)) == 3
    assert working_days_between(D(2026, 12, 9), D(2026, 12, 4)) == -3
    assert working_days_between(D(2026, 12, 12), D(2026, 12, 13)) == 0  # one weekend
    assert working_days_between(D(2026, 12, 1), D(2026, 12, 1)) == 0


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 12, 4), -1)
