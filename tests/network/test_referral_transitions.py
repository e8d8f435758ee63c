"""The referral's declared state machine (django-fsm-2 on Referral): the service is its only
caller; a refused step leaves the row as it was and says why in Japanese, an allowed step moves it
and writes one history row."""

import pytest
from django.core.exceptions import ValidationError
from django_fsm import can_proceed

from network.cases.services import referrals
from network.models import Referral, ReferralHistory

from .case_fixtures import world  # noqa: F401


@pytest.fixture
def referral(world):
    return referrals.send(world["participant"], world["case"], from_member=world["youth"],
                          to_member=world["bunkyo_centre"], items=["basics"], message="つなぎます",
                          consent=world["consent"])


def state_of(referral):
    return Referral.objects.values_list("state", flat=True).get(pk=referral.pk)


def test_the_machine_is_declared_on_the_model(referral):
    assert [can_proceed(getattr(referral, name), check_conditions=False)
            for name in ("receive", "accept", "decline", "close")] == [True, True, True, False]
    assert not can_proceed(referral.decline)                     # the guard wants a reason


def test_a_move_the_state_does_not_allow_is_refused_and_changes_nothing(world, referral):
    with pytest.raises(ValidationError) as error:
        referrals.transition(world["participant"], referral, "close")
    assert error.value.messages == ["このつなぐシートは「送付済み」です。今はその操作はできません。"]
    assert state_of(referral) == "sent" and ReferralHistory.objects.filter(referral=referral).count() == 1


def test_declining_without_a_reason_is_refused_in_japanese(world, referral):
    with pytest.raises(ValidationError) as error:
        referrals.transition(world["bunkyo_member"], referral, "decline", note="   ")
    assert error.value.messages == ["理由を入力してください。"]
    assert state_of(referral) == "sent" and ReferralHistory.objects.filter(referral=referral).count() == 1


def test_allowed_moves_change_the_state_and_log_each_step(world, referral):
    referrals.transition(world["bunkyo_member"], referral, "receive")
    referrals.transition(world["bunkyo_member"], referral, "decline", note="定員のため")
    assert referrals.allowed_actions(world["participant"], Referral.objects.get(pk=referral.pk)) == ["close"]
    referrals.transition(world["participant"], referral, "close")
    assert state_of(referral) == "closed"
    history = list(ReferralHistory.objects.filter(referral=referral).values_list("from_state", "to_state", "note"))
    assert history == [("", "sent", ""), ("sent", "received", ""), ("received", "declined", "定員のため"),
                       ("declined", "closed", "")]
