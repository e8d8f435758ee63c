"""Who sees a consultation request: the assigned expert, the group's editors, the metropolitan
coordinators. Everyone else is refused, in lists, pages and attachments."""

import re

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.tenants.helpers import refused
from training.models import ConsultationRequest

from ..conftest import later


# Groups, editors, experts and the assigned request come from the world the access matrices share
# (tests/shared_world.py), under the names tests/training/conftest.py gives them.
@pytest.fixture
def assigned(shared_world):
    return shared_world["assigned"]


@pytest.fixture
def group_b(shared_world):
    return shared_world["group_b"]


@pytest.fixture
def shinjuku_member(shared_world):
    return shared_world["shinjuku_member"]


@pytest.fixture
def clients(shared_world):
    w = shared_world
    return {
        "editor_a": client_for(w["editor_a"]), "editor_b": client_for(w["editor_b"]),
        "lawyer": client_for(w["lawyer"].user), "other_lawyer": client_for(w["other_lawyer"].user),
        "metro": client_for(w["metro_coordinator"]), "shinjuku": client_for(w["shinjuku_coordinator"]),
    }


def urls(consultation):
    return [reverse("consultation_detail", args=[consultation.pk]),
            reverse("consultation_file", args=[consultation.pk, consultation.files.first().pk])]


@pytest.mark.parametrize("who", ["editor_a", "lawyer", "metro"])
def test_the_three_parties_see_the_request_and_its_attachment(clients, assigned, who):
    client = clients[who]
    detail, attachment = urls(assigned)
    assert "規約の見直し" in client.get(detail).content.decode()
    response = client.get(attachment)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 rules"
    assert "規約の見直し" in client.get(reverse("consultation_list")).content.decode()


@pytest.mark.parametrize("who", ["editor_b", "other_lawyer", "shinjuku"])
def test_everyone_else_is_refused(clients, assigned, who):
    client = clients[who]
    for url in urls(assigned):
        assert refused(client.get(url)), url
    assert refused(client.post(urls(assigned)[0], {"action": "cancel", "note": "x"}))
    listing = client.get(reverse("consultation_list"))
    assert refused(listing) or "規約の見直し" not in listing.content.decode()
    assert ConsultationRequest.objects.get(pk=assigned.pk).state == ConsultationRequest.State.ASSIGNED


def test_platform_member_and_the_public_are_refused(assigned, shinjuku_member, client):
    member = client_for(shinjuku_member)
    for url in urls(assigned) + [reverse("consultation_list")]:
        response = member.get(url)
        assert response.status_code in (302, 403)
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_only_a_groups_editor_can_open_the_request_form(clients):
    assert clients["editor_a"].get(reverse("consultation_new")).status_code == 200
    for who in ("lawyer", "shinjuku"):
        assert refused(clients[who].get(reverse("consultation_new")))


def test_an_editor_cannot_request_for_another_group(clients, group_b):
    response = clients["editor_a"].post(reverse("consultation_new"), {
        "organisation": group_b.pk, "field": "legal", "topic": "なりすまし", "background": "x",
        "preferred_1": later(5).strftime("%Y-%m-%dT%H:%M"), "format": "online"})
    assert response.status_code == 400
    assert not ConsultationRequest.objects.filter(topic="なりすまし").exists()


def test_dashboard_is_for_coordinators(clients, assigned):
    page = clients["metro"].get(reverse("consultation_dashboard")).content.decode()
    assert "lawyer" in page
    assert re.search(r"令和(元|\d+)年度に承諾された", page)  # the fiscal year by its era name
    for who in ("editor_a", "lawyer", "shinjuku"):
        assert refused(clients[who].get(reverse("consultation_dashboard")))
