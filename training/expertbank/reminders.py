"""Daily reminders about consultation requests, each sent once: the day before an agreed
consultation (expert and group), an expert who has not answered an assignment in 3 days, and
the coordinators once it has been 5. The RequestReminder row is written in the transaction that
queues the email, so a second run (or worker) sends nothing."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_q.tasks import async_task

from ..models import ConsultationRequest, RequestReminder

State = ConsultationRequest.State
EXPERT_AFTER = datetime.timedelta(days=3)
COORDINATOR_AFTER = datetime.timedelta(days=5)


def _once(consultation, kind, key):
    try:
        with transaction.atomic():
            RequestReminder.objects.create(request=consultation, kind=kind, key=key)
            transaction.on_commit(lambda: async_task("training.tasks.notify", consultation.pk, kind))
    except IntegrityError:
        return 0
    return 1


def send_consultation_reminders(now=None):
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    sent = 0
    for consultation in ConsultationRequest.objects.filter(
            state=State.ACCEPTED, agreed_at__gte=start, agreed_at__lt=start + datetime.timedelta(days=1)):
        sent += _once(consultation, "day_before", consultation.agreed_at.isoformat())
    waiting = ConsultationRequest.objects.filter(state=State.ASSIGNED, assigned_at__isnull=False)
    for consultation in waiting.filter(assigned_at__lte=now - EXPERT_AFTER):
        sent += _once(consultation, "expert_unanswered", consultation.assigned_at.isoformat())
    for consultation in waiting.filter(assigned_at__lte=now - COORDINATOR_AFTER):
        sent += _once(consultation, "coordinator_unanswered", consultation.assigned_at.isoformat())
    return sent
