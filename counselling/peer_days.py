"""The peer online consultation calendar (seed 001 §ピアオンライン相談).

"原則として奇数月の第 2・第 4 木曜日、1 日 4 組まで実施します。第 2 木曜日はご家族の立場、第 4 木曜日は
ご本人の立場のピアサポーターがご相談に応じます。" and "1 組あたり1 時間程度".

So: in January, March, May, July, September and November, the 2nd Thursday is a family-side day
and the 4th Thursday a self-side day, up to four groups a day, about an hour each. "原則として":
a rule day that is a public holiday (the Support Net's desks are closed: 祝日は休み) is left out
unless on_holidays=True; in 2026–2028 that is 2027-09-23 (秋分の日) and 2028-11-23 (勤労感謝の日),
both 4th Thursdays. Pure functions, no database."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.working_days import holiday_name, japan_date

PEER_MONTHS = (1, 3, 5, 7, 9, 11)
THURSDAY = 3
PEER_GROUPS_PER_DAY = 4
# The seed gives no hours for the peer sessions, only "1 組あたり1 時間程度". Chosen here: four
# one-hour slots in the afternoon, inside the phone desk's hours (午前 10 時～午後 5 時), through
# which the sessions are booked. (start, end), Japan time.
PEER_SLOTS = (
    (datetime.time(13, 0), datetime.time(14, 0)),
    (datetime.time(14, 0), datetime.time(15, 0)),
    (datetime.time(15, 0), datetime.time(16, 0)),
    (datetime.time(16, 0), datetime.time(17, 0)),
)


class PeerSide(models.TextChoices):
    """Whose standpoint the day's peer supporters speak from."""

    FAMILY = "family", _("Family-side peer supporters (ご家族の立場)")
    SELF = "self", _("Self-side peer supporters (ご本人の立場)")


FAMILY = PeerSide.FAMILY
SELF = PeerSide.SELF
WEEK_OF_SIDE = {FAMILY: 2, SELF: 4}  # the n-th Thursday of the month


def nth_thursday(year, month, n):
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(THURSDAY - first.weekday()) % 7 + 7 * (n - 1))


def peer_days(year, on_holidays=False):
    """The year's peer days, in date order: [(date, PeerSide)]."""
    days = []
    for month in PEER_MONTHS:
        for side, week in WEEK_OF_SIDE.items():
            day = nth_thursday(year, month, week)
            if on_holidays or not holiday_name(day):
                days.append((day, side))
    return sorted(days)


def peer_days_between(start, end, on_holidays=False):
    """The peer days from `start` to `end`, both included (dates, or datetimes read as Japan
    dates), in date order: [(date, PeerSide)]."""
    start, end = japan_date(start), japan_date(end)
    return [(day, side) for year in range(start.year, end.year + 1)
            for day, side in peer_days(year, on_holidays) if start <= day <= end]


def peer_side(day, on_holidays=False):
    """The PeerSide of a peer day, or None when `day` is not one."""
    day = japan_date(day)
    return next((side for peer_day, side in peer_days(day.year, on_holidays) if peer_day == day), None)
