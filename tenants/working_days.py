"""Working days of the Support Net's desks (seed 001: 月曜日～金曜日, ※年末年始・祝日は休み).

A working day is Monday to Friday, not a Japanese public holiday and not in the year-end break
12/29–1/3. Public holidays come from jpholiday, which keeps the Cabinet Office's list with the
substitute holidays (振替休日) and citizens' holidays (国民の休日) included.

Dates are Japan dates: an aware datetime is read in Japan time (JST has no summer time, so a
time of day carried over to another date is always a real moment). Pure functions, no database."""

import datetime
from zoneinfo import ZoneInfo

import jpholiday

JST = ZoneInfo("Asia/Tokyo")
ONE_DAY = datetime.timedelta(days=1)


def japan_date(value):
    """The Japan date of a date, naive datetime (taken as Japan wall time) or aware datetime."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            value = value.astimezone(JST)
        return value.date()
    return value


def holiday_name(day):
    """The public holiday's Japanese name (e.g. "昭和の日", "休日" for a substitute), or None."""
    return jpholiday.is_holiday_name(japan_date(day))


def is_year_end_break(day):
    """12/29 to 1/3, both included."""
    day = japan_date(day)
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_working_day(day):
    day = japan_date(day)
    return day.weekday() < 5 and not is_year_end_break(day) and not jpholiday.is_holiday(day)


def next_working_day(day):
    """The day itself when it is a working day, else the first working day after it."""
    day = japan_date(day)
    while not is_working_day(day):
        day += ONE_DAY
    return day


def _moved_to(start, day):
    """`start` (a date or datetime) moved to `day`, keeping its time of day in Japan time."""
    if not isinstance(start, datetime.datetime):
        return day
    if start.tzinfo is not None and start.utcoffset() is not None:
        local = start.astimezone(JST)
        return datetime.datetime.combine(day, local.timetz())
    return datetime.datetime.combine(day, start.time())


def add_working_days(start, n):
    """The moment `n` working days after `start` (a date, a naive datetime taken as Japan wall
    time, or an aware datetime). A datetime keeps its time of day in Japan time, and an aware
    one comes back aware (in Japan time). Starting on a non-working day counts from the next
    working day: a message on Saturday is counted as if it came on Monday. n = 0 gives the
    first working day from `start`. Friday 18:00 + 3 → Wednesday 18:00."""
    if n < 0:
        raise ValueError("n must be 0 or more")
    day = next_working_day(start)
    for _counted in range(n):
        day = next_working_day(day + ONE_DAY)
    return _moved_to(start, day)


def working_days_between(a, b):
    """How many working days from `a` to `b` (dates or datetimes; the time of day is ignored):
    the working days after a's day (after the next working day when a's day is not one) up to
    and including b's day. The inverse of add_working_days:
    working_days_between(a, add_working_days(a, n)) == n. Negative when b comes before a."""
    first, last = japan_date(a), japan_date(b)
    if last < first:
        return -working_days_between(b, a)
    day, count = next_working_day(first), 0
    while day < last:
        day += ONE_DAY
        if is_working_day(day):
            count += 1
    return count
