"""The proof-of-work challenge a form asks for above its soft rate limit (ALTCHA).

The server signs a challenge (the `altcha` library, v1 protocol, which widget 2.x speaks); the
widget, served from our static files (tenants/static/vendor/altcha, MIT), finds the number in a
Web Worker from the same origin and posts it back. No image or audio puzzle: a person ticks one
labelled checkbox, with the keyboard or a screen reader as well as a mouse (JIS X 8341-3). Each
solved challenge is accepted once: its signature is marked used in the shared cache."""

import datetime
import hashlib
import json

import altcha
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FIELD = "altcha"
EXPIRES = datetime.timedelta(minutes=20)


def _key():
    # A key of its own, derived from SECRET_KEY unless ALTCHA_HMAC_KEY is set.
    return getattr(settings, "ALTCHA_HMAC_KEY", "") or hashlib.sha256(
        ("tsunagu.altcha:" + settings.SECRET_KEY).encode()).hexdigest()


def new_challenge():
    return altcha.create_challenge_v1(hmac_key=_key(), max_number=settings.ALTCHA_MAX_NUMBER,
                                      expires=timezone.now() + EXPIRES)


def verify(payload):
    """True once for a payload that solves a challenge we signed and that has not expired."""
    if not payload or len(payload) > 2000:
        return False
    try:
        ok, _error = altcha.verify_solution_v1(payload, _key(), check_expires=True)
        signature = altcha.PayloadV1.from_base64(payload).signature if ok else ""
    except (ValueError, TypeError, KeyError, AttributeError, UnicodeError):
        return False
    # cache.add is atomic on Redis and on the database cache: a replayed solution is refused
    # even when both copies arrive at two app servers at once.
    return bool(ok and cache.add(f"tsunagu.altcha.used:{signature}", 1, timeout=int(EXPIRES.total_seconds()) + 60))


def widget_strings():
    return {
        "label": _("I am not a robot"),
        "verifying": _("Checking…"),
        "verified": _("Checked"),
        "error": _("The check failed. Please try again."),
        "expired": _("The check expired. Please tick the box again."),
        "verificationRequired": _("Please tick the box “I am not a robot” first."),
        "waitAlert": _("Checking… please wait."),
        "ariaLinkLabel": _("About ALTCHA (opens another site)"),
        "footer": "",
    }


class ChallengeWidget(forms.Widget):
    template_name = "throttle/challenge_widget.html"
    # A fieldset whose legend names the check; the checkbox inside has its own label.
    use_fieldset = True

    def id_for_label(self, id_):
        return ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["challenge_json"] = json.dumps(new_challenge().to_dict())
        context["strings_json"] = json.dumps(widget_strings(), ensure_ascii=False)
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")


class ChallengeField(forms.Field):
    widget = ChallengeWidget

    def __init__(self, **kwargs):
        super().__init__(label=gettext_lazy("Confirmation that you are a person"), required=True,
                         help_text=gettext_lazy("Many requests came from your network. Tick the box and wait "
                                                "a few seconds for the check; no picture or sound puzzle."),
                         **kwargs)

    def clean(self, value):
        if not verify(value):
            raise ValidationError(_("Tick “I am not a robot” and wait until it shows “Checked”, then send "
                                    "the form again."), code="challenge")
        return value


def require(form):
    """Ask `form` for a solved challenge (called above the soft limit)."""
    form.fields[FIELD] = ChallengeField()
    return form
