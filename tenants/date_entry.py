"""Dates and times as staff type them: 2026/12/1, 2026-12-01, 2026年12月1日, 令和8年12月1日,
full-width digits, a weekday copied along (2026年12月1日（火）), a time as 14:00, 14時 or 14時30分.

One parser reads them all, so every date field of the admin and of the public forms accepts the
same text, and anything else is refused with a Japanese message (the typed text stays in the
field). It never guesses: Wagtail's date picker, left to itself, rewrote what it could not parse
on blur ("2026年12月1日" became 2026/01/01, a datetime became "now"); its widgets here keep what
was typed and leave reading it to this parser. The picker writes `settings.WAGTAIL_DATE_FORMAT`
(and the datetime and time formats), and the parser tries those first: one setting for both.
"""

import datetime
import re
import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import from_current_timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from .jpdates import ERAS, WEEKDAYS

MAX_LENGTH = 40  # 令和8年12月1日（火） 14時30分 is 21 characters; anything much longer is not a date

YEARS = (1868, 2200)  # from Meiji on; a year outside is a typing slip (and year 1 cannot be stored)
# Each era from its first day to the day before the next one: 令和1年1月1日 was still 平成.
_ERA_SPANS = {name: (start, ERAS[i - 1][0] if i else None) for i, (start, name) in enumerate(ERAS)}
# ASCII digits only (after NFKC, full-width digits are ASCII); other scripts' digits are refused.
_ERA = re.compile(r"^(%s)(元|\d{1,2})年" % "|".join(_ERA_SPANS), re.ASCII)
_DATE = re.compile(
    r"^(?P<y>\d{4})(?:(?P<sep>[/.-])(?P<m1>\d{1,2})(?P=sep)(?P<d1>\d{1,2})(?!\d)"
    r"|年(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日)"
    r"(?:\((?P<weekday>[%s])(?:曜日?)?\))?" % WEEKDAYS, re.ASCII
)
_TIME = re.compile(
    r"^(?P<half>午前|午後)?(?:(?P<h1>\d{1,2}):(?P<m1>\d{2})(?::(?P<s>\d{2}))?"
    r"|(?P<h2>\d{1,2})時(?:(?P<m2>\d{1,2})分)?)$", re.ASCII
)


def _normalise(text):
    """Full-width digits, slashes, colons and brackets become ASCII (NFKC); an era year becomes
    the western year. Returns (text, the era's span or None), or (None, None) for text that cannot
    be a date (too long, control characters)."""
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        return None, None
    text = unicodedata.normalize("NFKC", text).strip()
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        return None, None
    text = re.sub(r"\s+", " ", text)
    era = _ERA.match(text)
    if not era:
        return text, None
    number = 1 if era.group(2) == "元" else int(era.group(2))
    if number < 1:
        return None, None
    span = _ERA_SPANS[era.group(1)]
    return f"{span[0].year + number - 1}年" + text[era.end():], span


def _split_date(text, era=None):
    """(date, the rest of the text) or (None, text)."""
    if text is None:
        return None, text
    match = _DATE.match(text)
    if not match:
        return None, text
    month = match.group("m1") or match.group("m2")
    day = match.group("d1") or match.group("d2")
    try:
        value = datetime.date(int(match.group("y")), int(month), int(day))
    except ValueError:
        return None, text
    if not YEARS[0] <= value.year <= YEARS[1]:
        return None, text
    if era and not (era[0] <= value and (era[1] is None or value < era[1])):
        return None, text
    weekday = match.group("weekday")
    if weekday and WEEKDAYS[value.weekday()] != weekday:
        return None, text
    return value, text[match.end():]


def _time(text):
    match = _TIME.match(text)
    if not match:
        return None
    hour = int(match.group("h1") or match.group("h2"))
    minute = int(match.group("m1") or match.group("m2") or 0)
    second = int(match.group("s") or 0)
    if match.group("half"):
        # 午前/午後12時 is read both ways (noon or midnight), so it is refused rather than guessed.
        if hour > 11:
            return None
        hour = hour % 12 + (12 if match.group("half") == "午後" else 0)
    try:
        return datetime.time(hour, minute, second)
    except ValueError:
        return None


def _strptime(text, fmt):
    try:
        return datetime.datetime.strptime(text, fmt)
    except (ValueError, TypeError):
        return None


def parse_date(text):
    """The date typed, or None when the text is not one of the accepted forms."""
    configured = _strptime(text, getattr(settings, "WAGTAIL_DATE_FORMAT", "%Y-%m-%d"))
    if configured:
        return configured.date() if YEARS[0] <= configured.year <= YEARS[1] else None
    text, era = _normalise(text)
    value, rest = _split_date(text, era)
    return value if value and not rest.strip() else None


def parse_time(text):
    configured = _strptime(text, getattr(settings, "WAGTAIL_TIME_FORMAT", "%H:%M"))
    if configured:
        return configured.time()
    text, _era = _normalise(text)
    return _time(text) if text is not None else None


def parse_datetime(text):
    """The naive date and time typed (a date alone is not a time: None)."""
    configured = _strptime(text, getattr(settings, "WAGTAIL_DATETIME_FORMAT", "%Y-%m-%d %H:%M"))
    if configured:
        return configured if YEARS[0] <= configured.year <= YEARS[1] else None
    text, era = _normalise(text)
    day, rest = _split_date(text, era)
    if day is None:
        return None
    rest = rest.strip()
    if rest.startswith("T"):  # ISO 8601, as browsers' datetime-local inputs send it
        rest = rest[1:]
    time = _time(rest)
    return datetime.datetime.combine(day, time) if time else None


class DateEntryInput(AdminDateInput):
    """Wagtail's date picker, told to keep what was typed (validateOnBlur rewrote it)."""

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


class DateTimeEntryInput(AdminDateTimeInput):
    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


class DateEntryField(forms.DateField):
    widget = DateEntryInput
    default_error_messages = {
        "invalid": _("Enter a date such as 2026/12/1, 2026年12月1日 or 令和8年12月1日."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        parsed = parse_date(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class DateTimeEntryField(forms.DateTimeField):
    widget = DateTimeEntryInput
    default_error_messages = {
        "invalid": _("Enter a date and time such as 2026/12/1 14:00 or 令和8年12月1日 14時."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return from_current_timezone(value)
        parsed = parse_datetime(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return from_current_timezone(parsed)


def register_admin_date_fields():
    """Every model date and datetime field in Wagtail's admin forms (pages, snippets, viewsets)
    reads typed text with this parser and uses the pickers that keep it."""
    register_form_field_override(models.DateField,
                                 override={"form_class": DateEntryField, "widget": DateEntryInput})
    register_form_field_override(models.DateTimeField,
                                 override={"form_class": DateTimeEntryField, "widget": DateTimeEntryInput})
