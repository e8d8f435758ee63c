"""django-q2 entry points (scheduled daily by bootstrap_tokyo)."""

from tenants.schedules import ensure_daily

from .reminders import send_daily_reminders


def daily_reminders():
    return send_daily_reminders()


def ensure_schedules():
    """The daily reminder run at 08:00 JST; idempotent."""
    ensure_daily("agreements: daily reminders", "agreements.tasks.daily_reminders", 8)
