"""The consultation request's declared state machine (django-fsm-2 on the model): the service is
its only caller; a refused step leaves the row as it was and says why in Japanese, an allowed
step moves it and writes one history row."""

import pytest
from django.core.exceptions import ValidationError
from django_fsm import can_proceed

from tenants.fsm import failed_guard
from training.expertbank import services
from training.models import ConsultationRequest, RequestHistory

from ..conftest import later

State = ConsultationRequest.State


@pytest.fixture
def request_(group_a, editor_a):
    return services.submit(group_a, editor_a, field="legal", topic="トラブルの法的リスク", background="確認したい。",
                           preferred=[later(7), later(8)], format="online")


def test_the_machine_is_declared_on_the_model_with_its_guards(request_):
    assert can_proceed(request_.assign, check_conditions=False)
    assert not can_proceed(request_.accept, check_conditions=False)
    assert not can_proceed(request_.assign)                        # no expert chosen yet
    assert failed_guard(request_.assign) == "依頼の分野を担当する、受付中の専門家を選んでください。"
    assert failed_guard(request_.accept) is None                 # no transition from submitted


def test_a_move_the_state_does_not_allow_is_refused_and_changes_nothing(request_, lawyer, metro):
    with pytest.raises(ValidationError) as error:
        services.transition(request_, "confirm", metro)
    assert error.value.messages == ["依頼が「受付」の間は「提案された日時で確定する」はできません。"]
    services.transition(request_, "assign", metro, expert=lawyer)
    with pytest.raises(ValidationError) as error:
        services.transition(request_, "close", metro)
    assert error.value.messages == ["依頼が「専門家に割り当て済み」の間は「完了にする」はできません。"]
    request_.refresh_from_db()
    assert request_.state == State.ASSIGNED


def test_a_failing_guard_refuses_in_japanese_and_leaves_the_row(request_, lawyer, metro):
    services.transition(request_, "assign", metro, expert=lawyer)
    histories = RequestHistory.objects.count()
    with pytest.raises(ValidationError) as error:
        services.transition(request_, "decline", lawyer.user, note="  ")
    assert error.value.messages == ["辞退の理由を入力してください。"]
    with pytest.raises(ValidationError) as error:
        services.transition(request_, "accept", lawyer.user, slot=3)
    assert error.value.messages == ["希望日時のいずれかを選んでください。"]
    request_.refresh_from_db()
    assert (request_.state, request_.expert, request_.reason, request_.agreed_at) == (State.ASSIGNED, lawyer, "", None)
    assert RequestHistory.objects.count() == histories


def test_the_monthly_maximum_guard_names_the_expert(group_a, editor_a, lawyer, metro):
    lawyer.monthly_maximum = 1
    lawyer.save()
    first, second = (services.submit(group_a, editor_a, field="legal", topic=f"相談{n}", background="背景",
                                     preferred=[later(7 + n)], format="online") for n in (1, 2))
    services.transition(first, "assign", metro, expert=lawyer)
    with pytest.raises(ValidationError) as error:
        services.transition(second, "assign", metro, expert=lawyer)
    assert error.value.messages == [f"{lawyer}は今月の上限件数に達しています。"]
    second.refresh_from_db()
    assert second.state == State.SUBMITTED and second.expert is None


def test_allowed_moves_change_the_state_and_log_each_step(request_, lawyer, metro):
    services.transition(request_, "assign", metro, expert=lawyer)
    services.transition(request_, "accept", lawyer.user, slot=2)
    request_.refresh_from_db()
    assert request_.state == State.ACCEPTED and request_.agreed_at == later(8)
    assert request_.assigned_at and request_.accepted_at
    with pytest.raises(ValidationError) as error:
        services.transition(request_, "hold", lawyer.user)
    assert error.value.messages == ["相談の予定日時がまだ来ていないため、実施済みにはできません。"]
    history = list(RequestHistory.objects.filter(request=request_).values_list("action", "from_state", "to_state"))
    assert history == [("submit", "", "submitted"), ("assign", "submitted", "assigned"),
                       ("accept", "assigned", "accepted")]
