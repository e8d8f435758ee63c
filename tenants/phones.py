"""Japanese phone numbers as people type them: full-width digits, various dashes, brackets.

Stored normalised (half-width digits, ASCII hyphens); validated as a domestic number of 10 digits
(fixed lines, 0120/0570 numbers) or 11 digits (mobile, 050)."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

DASHES = "‐‑‒–—―−ーｰ－"


def normalise_phone(value: str) -> str:
    text = unicodedata.normalize("NFKC", value or "").strip()
    for dash in DASHES:
        text = text.replace(dash, "-")
    text = re.sub(r"[()（）\s]+", "-", text).strip("-")
    return re.sub(r"-{2,}", "-", text)


def validate_phone(value: str) -> None:
    digits = re.sub(r"\D", "", value)
    if re.search(r"[^0-9-]", value) or not digits.startswith("0") or len(digits) not in (10, 11):
        raise ValidationError(
            _("Enter a Japanese phone number with its area code, e.g. 03-1234-5678 (10 or 11 digits)."),
            code="phone",
        )


class PhoneNumberField(models.CharField):
    """A CharField that normalises what people type before validating it."""

    default_validators = [validate_phone]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_phone(value) if value else value
