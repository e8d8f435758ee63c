"""The one gate in front of demo data: published demo passwords, invented cases and people.

Every demo loader (cms.demo, network.demo, training's and agreements' demo modules) and the demo
commands pass through `refuse_unless_demo_allowed` before they read or write anything.
`TSUNAGU_DEMO_ALLOWED` is True only in the development and test settings; production sets it
False, and any settings module that forgets it is treated as production (fail closed)."""

from functools import wraps

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext_noop

from .operator_messages import bilingual

REFUSAL = gettext_noop(
    "Demo data is never loaded under production settings (TSUNAGU_DEMO_ALLOWED is off): "
    "it would create users with published passwords. Nothing was written.")


class DemoRefused(CommandError):
    """A demo loader was called where demo data must never be (production settings)."""


def demo_allowed():
    return bool(getattr(settings, "TSUNAGU_DEMO_ALLOWED", False))


def refuse_unless_demo_allowed():
    if not demo_allowed():
        raise DemoRefused(bilingual(REFUSAL))


def demo_only(loader):
    """Decorate a demo loader: it refuses, before doing anything, unless demo data is allowed."""

    @wraps(loader)
    def guarded(*args, **kwargs):
        refuse_unless_demo_allowed()
        return loader(*args, **kwargs)

    return guarded
