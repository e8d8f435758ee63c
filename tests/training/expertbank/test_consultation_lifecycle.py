"""A partner group asks the expert bank for a consultation; the metropolitan coordinator assigns
an expert, who accepts or proposes another time; it is held, reported and closed. Driven through
the views by each role, with the emails each step sends."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.tenants.helpers import refused
from training.models import ConsultationRequest, RequestHistory

from ..conftest import later

State = ConsultationRequest.State


def new_request(client, organisation, capture, **overrides):
    data = {"organisation": organisation.pk, "field": "legal", "topic": "利用者とのトラブルの法的リスク",
            "background": "居場所の利用者同士のトラブルについて、団体の責任を確認したい。",
            "preferred_1": later(7).strftime("%Y-%m-%dT%H:%M"), "preferred_2": later(8).strftime("%Y-%m-%dT%H:%M"),
            "preferred_3": "", "format": "online"}
    data.update(overrides)
    with capture(execute=True):
        return client.post(reverse("consultation_new"), data)


def act(client, consultation, capture, action, **data):
    with capture(execute=True):
        response = client.post(reverse("consultation_detail", args=[consultation.pk]), {"action": action, **data})
    consultation.refresh_from_db()
    return response


def sent_to(address):
    return [m for m in mail.outbox if address in m.to]


@pytest.fixture
def submitted(clients, group_a, django_capture_on_commit_callbacks):
    response = new_request(clients["editor_a"], group_a, django_capture_on_commit_callbacks)
    assert response.status_code == 302, response.content.decode()[:3000]
    return ConsultationRequest.objects.get(organisation=group_a)


def test_whole_lifecycle_with_a_proposed_time(clients, submitted, lawyer, metro, editor_a,
                                              django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    assert submitted.state == State.SUBMITTED
    assert len(sent_to(metro.email)) == 1                       # coordinators hear of it
    mail.outbox.clear()

    # The coordinator sees suggestions by field and assigns the lawyer.
    page = clients["metro"].get(reverse("consultation_detail", args=[submitted.pk])).content.decode()
    assert "lawyer" in page and "psychiatrist" not in page
    act(clients["metro"], submitted, capture, "assign", expert=lawyer.pk)
    assert submitted.state == State.ASSIGNED and submitted.expert == lawyer
    assert [m.to for m in mail.outbox] == [[lawyer.user.email]]
    mail.outbox.clear()

    # The expert proposes another time; the group confirms it.
    new_time = later(10, hour=18)
    act(clients["lawyer"], submitted, capture, "propose", when=new_time.strftime("%Y-%m-%dT%H:%M"))
    assert submitted.state == State.PROPOSED and submitted.proposed_at == new_time
    assert [m.to for m in mail.outbox] == [[editor_a.email]]
    mail.outbox.clear()
    act(clients["editor_a"], submitted, capture, "confirm")
    assert submitted.state == State.ACCEPTED and submitted.agreed_at == new_time
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted([lawyer.user.email, editor_a.email, metro.email])   # once each
    ics = mail.outbox[0].attachments[0]
    assert ics[0] == "consultation.ics" and ics[2] == "text/calendar"
    invitation = Calendar.from_ical(ics[1])
    assert [str(zone["tzid"]) for zone in invitation.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    event = invitation.walk("VEVENT")[0]
    assert event.decoded("dtstart") == new_time
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(hours=1)
    mail.outbox.clear()

    # It cannot be marked held before it happens; afterwards it can.
    act(clients["lawyer"], submitted, capture, "hold")
    assert submitted.state == State.ACCEPTED
    ConsultationRequest.objects.filter(pk=submitted.pk).update(agreed_at=timezone.now() - datetime.timedelta(hours=2))
    act(clients["lawyer"], submitted, capture, "hold")
    assert submitted.state == State.HELD
    mail.outbox.clear()
    act(clients["lawyer"], submitted, capture, "file_report", note="契約書に免責条項を加えるよう助言した。")
    assert submitted.state == State.REPORTED
    assert sorted(a for m in mail.outbox for a in m.to) == sorted([editor_a.email, metro.email])
    assert all("報告が届きました" in m.subject for m in mail.outbox)

    # The group reads the report; the coordinator closes.
    page = clients["editor_a"].get(reverse("consultation_detail", args=[submitted.pk])).content.decode()
    assert "契約書に免責条項を加えるよう助言した。" in page
    act(clients["metro"], submitted, capture, "close")
    assert submitted.state == State.CLOSED
    actions = list(RequestHistory.objects.filter(request=submitted).values_list("action", flat=True))
    assert actions == ["submit", "assign", "propose", "confirm", "hold", "file_report", "close"]


def test_expert_accepts_one_of_the_preferred_times(clients, submitted, lawyer, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    act(clients["metro"], submitted, capture, "assign", expert=lawyer.pk)
    act(clients["lawyer"], submitted, capture, "accept", slot=2)
    assert submitted.state == State.ACCEPTED
    assert submitted.agreed_at == submitted.preferred_2


def test_declined_request_goes_back_to_the_coordinator_and_the_expert_loses_it(
        clients, submitted, lawyer, other_lawyer, metro, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    act(clients["metro"], submitted, capture, "assign", expert=lawyer.pk)
    mail.outbox.clear()
    act(clients["lawyer"], submitted, capture, "decline")            # no reason: refused
    assert submitted.state == State.ASSIGNED
    act(clients["lawyer"], submitted, capture, "decline", note="利益相反のため")
    assert submitted.state == State.DECLINED and submitted.expert is None
    assert [m.to for m in mail.outbox] == [[metro.email]] and "利益相反のため" in mail.outbox[0].body
    assert refused(clients["lawyer"].get(reverse("consultation_detail", args=[submitted.pk])))
    act(clients["metro"], submitted, capture, "assign", expert=other_lawyer.pk)
    assert submitted.state == State.ASSIGNED and submitted.expert == other_lawyer
    assert clients["other_lawyer"].get(reverse("consultation_detail", args=[submitted.pk])).status_code == 200


def test_group_cancels_before_it_is_held_not_after(clients, submitted, lawyer, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    act(clients["metro"], submitted, capture, "assign", expert=lawyer.pk)
    act(clients["lawyer"], submitted, capture, "accept", slot=1)
    mail.outbox.clear()
    act(clients["editor_a"], submitted, capture, "cancel", note="日程が合わなくなったため")
    assert submitted.state == State.CANCELLED
    assert lawyer.user.email in [a for m in mail.outbox for a in m.to]


def test_nobody_cancels_a_held_consultation(clients, submitted, lawyer, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    act(clients["metro"], submitted, capture, "assign", expert=lawyer.pk)
    act(clients["lawyer"], submitted, capture, "accept", slot=1)
    ConsultationRequest.objects.filter(pk=submitted.pk).update(agreed_at=timezone.now() - datetime.timedelta(hours=1))
    act(clients["lawyer"], submitted, capture, "hold")
    response = act(clients["editor_a"], submitted, capture, "cancel", note="やめたい")
    assert submitted.state == State.HELD
    assert response.status_code == 400  # refused on the same page, with the reason
    assert "できません" in response.content.decode()


def test_roles_cannot_take_each_others_steps(clients, submitted, lawyer, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    act(clients["editor_a"], submitted, capture, "assign", expert=lawyer.pk)   # a group cannot assign
    assert submitted.state == State.SUBMITTED
    act(clients["metro"], submitted, capture, "assign", expert=lawyer.pk)
    act(clients["editor_a"], submitted, capture, "accept", slot=1)            # nor accept for the expert
    act(clients["metro"], submitted, capture, "accept", slot=1)               # nor the coordinator
    assert submitted.state == State.ASSIGNED
    act(clients["lawyer"], submitted, capture, "accept", slot=1)
    act(clients["lawyer"], submitted, capture, "close")                       # closing is the coordinator's
    assert submitted.state == State.ACCEPTED


def test_assignment_refuses_an_expert_of_another_field_or_at_the_monthly_maximum(
        clients, group_a, submitted, psychiatrist, lawyer, editor_a, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    act(clients["metro"], submitted, capture, "assign", expert=psychiatrist.pk)
    assert submitted.state == State.SUBMITTED
    lawyer.monthly_maximum = 1
    lawyer.save()
    act(clients["metro"], submitted, capture, "assign", expert=lawyer.pk)
    assert submitted.state == State.ASSIGNED
    new_request(clients["editor_a"], group_a, capture, topic="二件目")
    second = ConsultationRequest.objects.get(topic="二件目")
    response = act(clients["metro"], second, capture, "assign", expert=lawyer.pk)
    assert second.state == State.SUBMITTED
    assert response.status_code == 400 and "上限" in response.content.decode()


def test_a_mistyped_proposed_time_is_refused_in_japanese_and_kept(clients, submitted, lawyer,
                                                                 django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    act(clients["metro"], submitted, capture, "assign", expert=lawyer.pk)
    response = act(clients["lawyer"], submitted, capture, "propose", when="令和9年2月15日 25時")
    body = response.content.decode()
    assert response.status_code == 400 and "のように入力してください" in body
    assert 'value="令和9年2月15日 25時"' in body
    assert submitted.state == State.ASSIGNED and submitted.proposed_at is None
    act(clients["lawyer"], submitted, capture, "propose", when="令和9年2月15日 14時")
    assert submitted.state == State.PROPOSED
    assert timezone.localtime(submitted.proposed_at).replace(tzinfo=None) == datetime.datetime(2027, 2, 15, 14, 0)
