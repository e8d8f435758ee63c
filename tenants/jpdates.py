"""Japanese date display: 2026年11月21日（土） and era years (令和8年).

Django has no era support; the eras since Meiji are fixed by law (元号法) and new ones are rare,
so they are listed here with their first day."""

import datetime

from django.utils import timezone

WEEKDAYS = "月火水木金土日"
ERAS = (  # (first day, name)
    (datetime.date(2019, 5, 1), "令和"),
    (datetime.date(1989, 1, 8), "平成"),
    (datetime.date(1926, 12, 25), "昭和"),
    (datetime.date(1912, 7, 30), "大正"),
    (datetime.date(1868, 10, 23), "明治"),
)


def _as_date(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def japanese_date(value, weekday=True):
    """2026年11月21日（土）"""
    if value in (None, ""):
        return ""
    day = _as_date(value)
    text = f"{day.year}年{day.month}月{day.day}日"
    if weekday:
        text += f"（{WEEKDAYS[day.weekday()]}）"
    return text


def japanese_datetime(value):
    """2026年11月21日 14:30, in Japan time: how emails and notices give a moment."""
    if value in (None, ""):
        return ""
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{moment:%Y年%m月%d日 %H:%M}"


def era_year(value):
    """令和8年 (the first year of an era is 元年)."""
    if value in (None, ""):
        return ""
    day = _as_date(value)
    for start, name in ERAS:
        if day >= start:
            number = day.year - start.year + 1
            return f"{name}{'元' if number == 1 else number}年"
    return f"{day.year}年"


def japanese_era_date(value):
    """令和8年11月21日"""
    if value in (None, ""):
        return ""
    day = _as_date(value)
    return f"{era_year(day)}{day.month}月{day.day}日"


def fiscal_year(day) -> int:
    """The Japanese fiscal year (年度) a date falls in: it starts on 1 April."""
    day = _as_date(day)
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_start(year):
    """The moment fiscal year `year` begins: 1 April, 00:00 JST (aware)."""
    return timezone.make_aware(datetime.datetime(year, 4, 1))


def fiscal_year_name(year) -> str:
    """令和8年度 for the fiscal year starting in April 2026, as public documents name it.

    A fiscal year is named by the era in force for most of it (from 1 May): 1988 is 昭和63年度,
    1989 平成元年度, and 2019, which began under 平成 on 1 April, 令和元年度 as the government
    renamed it."""
    if year in (None, ""):
        return ""
    return f"{era_year(datetime.date(int(year), 5, 1))}度"


def person_name(user) -> str:
    """山田 花子: family name first, as Japanese names are written (Django's get_full_name puts the
    given name first); the username when no name is recorded."""
    if user is None:
        return ""
    name = f"{user.last_name} {user.first_name}".strip()
    return name or user.get_username()
