"""A Shinjuku case world: a coordinator, a named participant, an unnamed member, members of the
platform (one with a staff account), a Bunkyo member for cross-municipality referrals, and a
consent-based case with a consent. Imported by the case test modules."""

import datetime

import pytest
from django.utils import timezone

from network.cases.services import casereviews, consents
from network.models import CaseReview, PlatformMembership
from tenants.roles import Role
from tests.conftest import client_for

SUMMARY = "長期のひきこもり状態。母親が高齢で介護が必要になりつつある。就労の意欲は少しある。"


def make_member(municipality, name, role=PlatformMembership.Role.PRIVATE, staff=()):
    member = PlatformMembership.objects.create(municipality=municipality, name=name, role=role,
                                               joined_on=datetime.date(2024, 4, 1))
    member.staff.set(staff)
    return member


def build_case(make_user, shinjuku, bunkyo, coordinator):
    """The members, the participant and the consent-based case with one consent; used by the
    `world` fixture below and by tests/shared_world.py."""
    participant = make_user("case-participant", Role.PLATFORM_MEMBER, shinjuku)
    unnamed = make_user("case-unnamed", Role.PLATFORM_MEMBER, shinjuku)
    bunkyo_member = make_user("bunkyo-staff", Role.PLATFORM_MEMBER, bunkyo)
    welfare = make_member(shinjuku, "新宿区生活福祉課", PlatformMembership.Role.DEPARTMENT)
    youth = make_member(shinjuku, "新宿若者サポート", staff=[participant])
    health = make_member(shinjuku, "新宿区保健センター", PlatformMembership.Role.AGENCY)
    bunkyo_centre = make_member(bunkyo, "文京区ひきこもり支援センター", PlatformMembership.Role.AGENCY,
                                staff=[bunkyo_member])
    case = casereviews.open_case(
        coordinator, shinjuku, held_on=timezone.localdate(), legal_basis=CaseReview.LegalBasis.CONSENT,
        categories=["withdrawal", "care"], summary=SUMMARY,
        next_review_on=timezone.localdate() + datetime.timedelta(days=30))
    casereviews.name_participant(coordinator, case, participant, may_change=True)
    consent = consents.record_consent(
        coordinator, case, given_by="person", items=["basics", "consultation"],
        recipients=[youth, bunkyo_centre], purpose="就労支援と居場所の紹介のため",
        given_on=timezone.localdate(), method="verbal")
    return {"case": case, "consent": consent, "participant": participant, "unnamed": unnamed,
            "bunkyo_member": bunkyo_member, "welfare": welfare, "youth": youth, "health": health,
            "bunkyo_centre": bunkyo_centre}


@pytest.fixture
def world(make_user, shinjuku, bunkyo, shinjuku_coordinator, bunkyo_coordinator, metro_coordinator,
          partner_editor):
    return {**build_case(make_user, shinjuku, bunkyo, shinjuku_coordinator),
            "coordinator": shinjuku_coordinator, "bunkyo_coordinator": bunkyo_coordinator,
            "metro": metro_coordinator, "partner": partner_editor}

def client(user):
    return client_for(user)
