"""Password length limits (OWASP ASVS 4.0.3 V2.1.1 and V2.1.2): at least 12 characters, at most
128, counted after runs of spaces are folded into one. Any printable character is allowed,
spaces and emoji included (V2.1.4); there are no composition rules (V2.1.9).

Django's own MinimumLengthValidator counts raw characters, so "a" followed by twelve spaces
would pass it; this one counts what ASVS counts."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

SPACES = re.compile(r" {2,}")


def folded_length(password: str) -> int:
    return len(SPACES.sub(" ", password))


class LengthValidator:
    def __init__(self, min_length=12, max_length=128):
        self.min_length = min_length
        self.max_length = max_length

    def validate(self, password, user=None):
        length = folded_length(password)
        if length < self.min_length:
            raise ValidationError(
                ngettext("Use at least %(min)d character (repeated spaces count once).",
                         "Use at least %(min)d characters (repeated spaces count once).",
                         self.min_length) % {"min": self.min_length},
                code="password_too_short")
        if length > self.max_length:
            raise ValidationError(
                ngettext("Use at most %(max)d character.", "Use at most %(max)d characters.",
                         self.max_length) % {"max": self.max_length},
                code="password_too_long")

    def get_help_text(self):
        return _("Between %(min)d and %(max)d characters; spaces, kana, kanji and emoji are all "
                 "allowed. A passphrase of several words is easiest to remember.") % {
            "min": self.min_length, "max": self.max_length}
