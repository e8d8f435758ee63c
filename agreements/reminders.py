"""Daily reminders for metropolitan coordinators: agreements ending within 60 and 30 days, and
prospects whose next step is overdue. Each reminder is recorded before its email is queued, in
the same transaction, so running the task twice (or in two workers) sends it once."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tenants.roles import GLOBAL_GROUP_NAMES, Role

from .models import Agreement, Prospect, ReminderSent, active_q

THRESHOLDS = (60, 30)


def metro_emails():
    users = get_user_model().objects.filter(
        is_active=True, groups__name=GLOBAL_GROUP_NAMES[Role.METRO_COORDINATOR]).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _send_once(kind, key, subject, body, recipients):
    if not recipients:
        return False
    try:
        with transaction.atomic():
            ReminderSent.objects.create(kind=kind, key=key)
            transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients))
    except IntegrityError:
        return False  # already sent
    return True


def send_daily_reminders(today=None):
    today = today or timezone.localdate()
    sent = 0
    with translation.override("ja"):
        recipients = metro_emails()
        ending = Agreement.objects.filter(active_q(today), valid_until__isnull=False,
                                          valid_until__lte=today + datetime.timedelta(days=max(THRESHOLDS)),
                                          renewed_by__isnull=True).select_related("organisation")
        for agreement in ending:
            days_left = (agreement.valid_until - today).days
            threshold = min(t for t in THRESHOLDS if days_left <= t)
            subject = _("Agreement %(number)s with %(organisation)s ends in %(days)s days") % {
                "number": agreement.number, "organisation": agreement.organisation, "days": days_left}
            body = _("The agreement ends on %(date)s. Renew it or let it end.") % {
                "date": agreement.valid_until.strftime("%Y年%m月%d日")}
            sent += _send_once(f"agreement-ending-{threshold}", str(agreement.pk), subject, body, recipients)
        overdue = Prospect.objects.filter(stage__in=Prospect.OPEN_STAGES, next_step_on__lt=today) \
            .select_related("organisation", "assigned_to")
        for prospect in overdue:
            to = [prospect.assigned_to.email] if prospect.assigned_to and prospect.assigned_to.email else recipients
            subject = _("Overdue next step for %(organisation)s") % {"organisation": prospect.organisation}
            body = _("“%(step)s” was due on %(date)s (stage: %(stage)s).") % {
                "step": prospect.next_step or "—", "date": prospect.next_step_on.strftime("%Y年%m月%d日"),
                "stage": prospect.get_stage_display()}
            sent += _send_once("prospect-overdue", f"{prospect.pk}:{prospect.next_step_on}", subject, body, to)
    return sent
