"""The expert bank's members are kept by the metropolitan coordinators."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.tenants.helpers import refused
from training.models import Expert


def test_metro_coordinator_adds_an_expert(as_metro, make_user):
    user = make_user("new-lawyer", last_name="山田", first_name="花子")
    response = as_metro.post(reverse("experts:add"), {
        "user": user.pk, "legal": "on", "qualification": "弁護士", "bio": "", "availability": "平日夜",
        "monthly_maximum": "2", "active": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    expert = Expert.objects.get(user=user)
    assert str(expert) == "山田 花子（弁護士）" and expert.legal and not expert.medical


def test_an_expert_needs_a_field(as_metro, make_user):
    user = make_user("no-field")
    response = as_metro.post(reverse("experts:add"), {"user": user.pk, "qualification": "弁護士",
                                                       "monthly_maximum": "2", "active": "on"})
    assert response.status_code == 200
    assert "分野を1つ以上選んでください" in response.content.decode()
    assert not Expert.objects.filter(user=user).exists()


@pytest.mark.parametrize("who", ["lawyer", "editor_a", "shinjuku"])
def test_other_roles_cannot_manage_experts(clients, lawyer, who):
    client = clients[who]
    assert refused(client.get(reverse("experts:index")))
    assert refused(client.get(reverse("experts:edit", args=[lawyer.pk])))
    client.post(reverse("experts:edit", args=[lawyer.pk]), {"qualification": "改ざん"})
    lawyer.refresh_from_db()
    assert lawyer.qualification == "弁護士"
