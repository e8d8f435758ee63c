"""Spotting personal data typed into case free text. Case records carry no names or contact
details; this is a safety net that asks the author to check, not a guarantee."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PATTERNS = {
    "phone": (re.compile(r"(?<!\d)0\d{1,4}[-(]?\d{1,4}[-)]?\d{3,4}(?!\d)"), _("a phone number")),
    "email": (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), _("an email address")),
    "postal": (re.compile(r"〒\s*\d{3}-?\d{4}|(?<![\d-])\d{3}-\d{4}(?![\d-])"), _("a postal code")),
    "address": (re.compile(
        r"\d+\s*丁目\s*\d+\s*番|[\u4e00-\u9fff]\d{1,2}-\d{1,3}-\d{1,4}(?![\d-])"), _("a street address")),
}


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"[‐‑‒–—―−ーｰ－]", "-", text)


def personal_data_in(*texts) -> list:
    """The kinds of personal data that seem to appear in `texts`, as display labels, in a fixed
    order; empty when nothing looks personal."""
    joined = "\n".join(normalise(t) for t in texts if t)
    return [label for pattern, label in PATTERNS.values() if pattern.search(joined)]


def refuse_personal_data(note: str) -> None:
    """Short notes on case records (a withdrawal, a declined referral) give a reason, never a way
    to reach someone: one that seems to hold contact details is refused, with no confirmation."""
    found = personal_data_in(note)
    if found:
        raise ValidationError(_("This note seems to contain %(what)s. Case records must not identify a person: "
                                "give the reason without it.") % {"what": "、".join(str(label) for label in found)})
