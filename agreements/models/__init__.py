"""Agreements (協定) with partner groups and the pipeline of candidates leading to them."""

from .agreements import (  # noqa: F401
    DEFAULT_COMMITMENTS, EXPIRING_DAYS, Agreement, ReminderSent, active_q,
)
from .prospects import (  # noqa: F401
    Prospect, ProspectFile, ProspectHistory, SiteVisit, has_passed_site_visit, has_signed_agreement,
    has_site_visit,
)
