import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from network.profiles.services import grant_editor
from tenants.roles import GLOBAL_GROUP_NAMES, Role
from tests.conftest import client_for
from tests.network.profiles_helpers import make_organisation
from training.models import Expert


def later(days, hour=14):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def expert_user(make_user, username, qualification, **fields):
    user = make_user(username, Role.PROFESSIONAL, last_name=username, first_name="先生")
    return Expert.objects.create(user=user, qualification=qualification, **fields)


@pytest.fixture
def group_a(db):
    return make_organisation("ひだまりの会", "ひだまりのかい")


@pytest.fixture
def group_b(db):
    return make_organisation("こもれび家族会", "こもれびかぞくかい")


@pytest.fixture
def editor_a(make_user, group_a):
    user = make_user("editor-a", email="editor-a@hidamari.example.jp")
    grant_editor(group_a, user)
    return user


@pytest.fixture
def editor_b(make_user, group_b):
    user = make_user("editor-b")
    grant_editor(group_b, user)
    return user


@pytest.fixture
def lawyer(make_user):
    return expert_user(make_user, "lawyer", "弁護士", legal=True, monthly_maximum=2)


@pytest.fixture
def other_lawyer(make_user):
    return expert_user(make_user, "lawyer2", "弁護士", legal=True)


@pytest.fixture
def psychiatrist(make_user):
    return expert_user(make_user, "psychiatrist", "精神科医", medical=True)


@pytest.fixture
def metro(metro_coordinator):
    metro_coordinator.email = "tokyo-coord@example.jp"
    metro_coordinator.save()
    return metro_coordinator


@pytest.fixture
def clients(editor_a, editor_b, lawyer, other_lawyer, metro, shinjuku_coordinator):
    return {
        "editor_a": client_for(editor_a), "editor_b": client_for(editor_b),
        "lawyer": client_for(lawyer.user), "other_lawyer": client_for(other_lawyer.user),
        "metro": client_for(metro), "shinjuku": client_for(shinjuku_coordinator),
    }
