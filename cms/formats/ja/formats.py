"""Japanese formats: Django's own `ja` formats plus the input formats Japanese users type.

Django's ja locale defines no DATE_INPUT_FORMATS, so forms accept only 2026-11-21; people here
write 2026/11/21 or 2026年11月21日 (and often without zero padding)."""

from django.conf import settings

DATE_FORMAT = "Y年n月j日"
TIME_FORMAT = "G:i"
DATETIME_FORMAT = "Y年n月j日 G:i"
YEAR_MONTH_FORMAT = "Y年n月"
MONTH_DAY_FORMAT = "n月j日"
SHORT_DATE_FORMAT = "Y/m/d"
SHORT_DATETIME_FORMAT = "Y/m/d G:i"
FIRST_DAY_OF_WEEK = 0

# Django's own date fields (Wagtail's listing filters) read what the date picker writes first:
# WAGTAIL_DATE_FORMAT, the one setting the pickers and tenants/date_entry.py also follow. Every
# date field in our forms reads far more (令和, full-width digits, 14時) through that parser.
DATE_INPUT_FORMATS = [
    getattr(settings, "WAGTAIL_DATE_FORMAT", "%Y/%m/%d"),
    "%Y/%m/%d",  # 2026/11/21 (also 2026/1/5: strptime accepts unpadded numbers)
    "%Y年%m月%d日",  # 2026年11月21日
    "%Y-%m-%d",  # ISO 8601, what browsers' date inputs send
    "%Y.%m.%d",
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H時%M分", "%H時"]
DATETIME_INPUT_FORMATS = [
    getattr(settings, "WAGTAIL_DATETIME_FORMAT", "%Y/%m/%d %H:%M"),
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日 %H時%M分",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y/%m/%d",
    "%Y年%m月%d日",
    "%Y-%m-%d",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
