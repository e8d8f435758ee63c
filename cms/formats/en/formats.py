"""An admin user who prefers English still types Japanese dates: the same input formats as `ja`
(Django's English ones lack 2026/11/21, which the date picker writes)."""

from django.conf.locale.en.formats import *  # noqa: F401,F403

from cms.formats.ja.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS, TIME_INPUT_FORMATS  # noqa: F401
