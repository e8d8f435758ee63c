"""The yearly profile check: each April, the editors of every published profile that was not
confirmed or updated since 1 April get one email asking them to confirm or update it. The
ProfileReminder row is written in the same transaction that queues the email, so two runs (or
two workers) send it once per organisation and fiscal year."""


from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tenants.jpdates import fiscal_year, fiscal_year_start

from ..models import Organisation, ProfileReminder
from .services import editors_of

REMINDER_MONTH = 4  # the fiscal year (年度) starts in April


def _message(organisation, recipients):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    subject = _("Please confirm your profile on Tsunagu: %(organisation)s") % {"organisation": organisation}
    confirmed = (timezone.localtime(organisation.confirmed_at).strftime("%Y年%m月%d日")
                 if organisation.confirmed_at else _("never"))
    body = _(
        "A new fiscal year has started. Please check that the public profile of %(organisation)s "
        "is still correct (meeting days, places, contact).\n\n"
        "Last confirmed: %(confirmed)s\n"
        "If nothing has changed, confirm it here: %(confirm_url)s\n"
        "To update it, edit it here (the Support Net reviews the change before it is published): %(edit_url)s\n"
    ) % {"organisation": organisation, "confirmed": confirmed,
         "confirm_url": base + reverse("network_confirm_profile", args=[organisation.pk]),
         "edit_url": base + reverse("wagtailsnippets_network_organisation:edit", args=[organisation.pk])}
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def send_profile_reminders(today=None):
    """Send this fiscal year's reminders (in April only); returns how many emails were queued."""
    today = today or timezone.localdate()
    if today.month != REMINDER_MONTH:
        return 0
    year = fiscal_year(today)
    due = (Organisation.objects.filter(live=True, editors_group__isnull=False)
           .exclude(confirmed_at__gte=fiscal_year_start(year))
           .exclude(profile_reminders__fiscal_year=year))
    sent = 0
    with translation.override("ja"):
        for organisation in due:
            recipients = sorted(set(editors_of(organisation).exclude(email="").values_list("email", flat=True)))
            if not recipients:
                continue
            message = _message(organisation, recipients)
            try:
                with transaction.atomic():
                    ProfileReminder.objects.create(organisation=organisation, fiscal_year=year,
                                                   recipients=", ".join(recipients))
                    transaction.on_commit(message.send)
            except IntegrityError:
                continue  # another run got there first
            sent += 1
    return sent
