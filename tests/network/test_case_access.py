"""Access matrix over every case, consent, referral and access-log URL: the named participant and
the municipality's own coordinators are allowed; another municipality's coordinator, the
metropolitan coordinator, an unnamed platform member, a partner-group editor, another
municipality's member and the public are refused, and nothing leaks through listings or search."""

import pytest
from django.test import Client
from django.urls import reverse

from network.cases.services import referrals
from network.models import AgreedAction, CaseAccessLog, Consent, Referral
from tests.tenants.helpers import refused

from .case_fixtures import SUMMARY, client

ALLOWED_BY_DEFAULT = {"coordinator", "participant"}
OUTSIDERS = ["bunkyo_coordinator", "metro", "unnamed", "partner", "bunkyo_member", "public"]


@pytest.fixture
def objects(shared_world):
    """The case world (tests/network/case_fixtures.py) with a scanned consent, a referral on it and
    an agreed action, from the world the access matrices share (tests/shared_world.py)."""
    return {**shared_world, "coordinator": shared_world["shinjuku_coordinator"],
            "metro": shared_world["metro_coordinator"], "partner": shared_world["partner_editor"]}


@pytest.fixture
def world(objects):
    return objects


def urls(o):
    case = o["case"]
    return {
        "case_detail": (reverse("case_detail", args=[case.pk]), ALLOWED_BY_DEFAULT),
        "case_edit": (reverse("case_edit", args=[case.pk]), ALLOWED_BY_DEFAULT),
        "case_export": (reverse("case_export", args=[case.pk]), ALLOWED_BY_DEFAULT),
        "consent_new": (reverse("consent_new", args=[case.pk]), ALLOWED_BY_DEFAULT),
        "consent_scan": (reverse("consent_scan", args=[case.pk, o["scanned"].pk]), ALLOWED_BY_DEFAULT),
        "referral_new": (reverse("referral_new", args=[case.pk]), ALLOWED_BY_DEFAULT),
        "referral_detail": (reverse("referral_detail", args=[o["referral"].pk]), ALLOWED_BY_DEFAULT),
        # Every coordinator reads their own municipality's log; Bunkyo's shows nothing of Shinjuku's.
        "case_access_log": (reverse("case_access_log"), {"coordinator", "bunkyo_coordinator"}),
    }


def as_role(o, role):
    return Client() if role == "public" else client(o[role])


def is_refused(role, response):
    if role == "public":
        return response.status_code == 302 and "/login/" in response["Location"]
    return refused(response)


@pytest.mark.parametrize("role", ["coordinator", "participant", *OUTSIDERS])
def test_every_case_url_allows_only_the_own_coordinator_and_the_participant(objects, role):
    c = as_role(objects, role)
    for name, (url, allowed) in urls(objects).items():
        response = c.get(url)
        if role in allowed:
            assert response.status_code == 200, (name, role, response.status_code)
            if role not in ALLOWED_BY_DEFAULT:
                assert objects["case"].code.encode() not in response.content
        else:
            assert is_refused(role, response), (name, role, response.status_code)
            assert SUMMARY.encode() not in response.content
            assert objects["case"].code.encode() not in response.content


POSTS = {
    "participants": lambda o: (reverse("case_participants", args=[o["case"].pk]), {"remove": o["participant"].pk}),
    "action_done": lambda o: (reverse("case_action", args=[o["case"].pk]), {"done": o["action"].pk}),
    "close": lambda o: (reverse("case_close", args=[o["case"].pk]), {}),
    "withdraw": lambda o: (reverse("consent_withdraw", args=[o["case"].pk, o["consent"].pk]), {"note": "x"}),
    "referral_accept": lambda o: (reverse("referral_detail", args=[o["referral"].pk]), {"action": "accept"}),
    "edit": lambda o: (reverse("case_edit", args=[o["case"].pk]), {
        "held_on": "2026-11-01", "legal_basis": "consent", "categories": ["other"], "summary": "書き換え"}),
}


def state(o):
    case = o["case"]
    case.refresh_from_db()
    return (case.status, case.summary, case.categories, o["participant"].has_perm("network.view_casereview", case),
            AgreedAction.objects.get(pk=o["action"].pk).done, Consent.objects.get(pk=o["consent"].pk).withdrawn_on,
            Referral.objects.get(pk=o["referral"].pk).state)


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_change_nothing_by_posting(objects, role):
    c = as_role(objects, role)
    before = state(objects)
    for name, make in POSTS.items():
        url, data = make(objects)
        response = c.post(url, data)
        assert is_refused(role, response), (name, role, response.status_code)
    assert state(objects) == before


def test_participant_cannot_manage_participants_or_close(objects):
    c = client(objects["participant"])
    for name in ("participants", "close"):
        url, data = POSTS[name](objects)
        assert refused(c.post(url, data))
    assert state(objects)[0] == "open"
    assert objects["participant"].has_perm("network.view_casereview", objects["case"])


@pytest.mark.parametrize("role", ["bunkyo_coordinator", "metro", "unnamed", "partner", "bunkyo_member"])
def test_listing_shows_nothing_of_the_case_to_outsiders(objects, role):
    response = client(objects[role]).get(reverse("case_list"))
    assert objects["case"].code.encode() not in response.content


def test_listing_shows_the_case_to_coordinator_and_participant(objects):
    for role in ("coordinator", "participant"):
        response = client(objects[role]).get(reverse("case_list"))
        assert response.status_code == 200 and objects["case"].code in response.content.decode()


def test_no_case_text_in_public_or_admin_search(objects):
    public = Client().get("/search/", {"q": "介護が必要"})
    assert SUMMARY.encode() not in public.content and objects["case"].code.encode() not in public.content
    admin = client(objects["coordinator"]).get("/admin/pages/search/", {"q": objects["case"].code})
    assert SUMMARY.encode() not in admin.content


def test_removing_a_member_from_the_platform_revokes_access_at_once(objects, shinjuku):
    participant = objects["participant"]
    c = client(participant)
    url = reverse("case_detail", args=[objects["case"].pk])
    assert c.get(url).status_code == 200
    participant.groups.remove(shinjuku.members_group)
    assert c.get(url).status_code in (302, 403)
    assert c.get(reverse("referral_detail", args=[objects["referral"].pk])).status_code in (302, 403)


def test_removing_a_participant_revokes_access_and_is_logged(objects):
    c = client(objects["participant"])
    url = reverse("case_detail", args=[objects["case"].pk])
    assert c.get(url).status_code == 200
    client(objects["coordinator"]).post(reverse("case_participants", args=[objects["case"].pk]),
                                        {"remove": objects["participant"].pk})
    assert refused(c.get(url))
    assert CaseAccessLog.objects.filter(case_code=objects["case"].code, action="participants",
                                        detail__contains="case-participant").count() == 2  # named, removed


def test_receiving_side_sees_only_what_was_shared(world):
    referral = referrals.send(world["participant"], world["case"], from_member=world["youth"],
                              to_member=world["bunkyo_centre"], items=["basics"], message="文京区の支援センターへ",
                              consent=world["consent"])
    receiver = client(world["bunkyo_member"])
    page = receiver.get(reverse("referral_detail", args=[referral.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "文京区の支援センターへ" in text and world["case"].code in text
    assert SUMMARY not in text
    assert refused(receiver.get(reverse("case_detail", args=[world["case"].pk])))
    # The receiving municipality's coordinator sees the referral too, but not the case.
    bunkyo = client(world["bunkyo_coordinator"])
    assert bunkyo.get(reverse("referral_detail", args=[referral.pk])).status_code == 200
    assert refused(bunkyo.get(reverse("case_detail", args=[world["case"].pk])))
    assert world["case"].code in bunkyo.get(reverse("case_list")).content.decode()  # via the referral list


def test_leaving_the_platform_ends_grants_so_rejoining_opens_nothing(objects, shinjuku, bunkyo):
    participant = objects["participant"]
    url = reverse("case_detail", args=[objects["case"].pk])
    participant.groups.remove(shinjuku.members_group)
    participant.groups.add(bunkyo.members_group)  # still in the admin, so the case rule itself refuses
    assert refused(client(participant).get(url))
    participant.groups.add(shinjuku.members_group)  # back a year later
    assert refused(client(participant).get(url))
    assert CaseAccessLog.objects.filter(case_id_ref=objects["case"].pk, detail__startswith="プラットフォームから外れたため").exists()


def test_a_superuser_in_a_coordinators_group_still_cannot_read_cases(objects, make_superuser, shinjuku):
    root = make_superuser("root")
    root.groups.add(shinjuku.coordinators_group)
    c = client(root)
    assert refused(c.get(reverse("case_detail", args=[objects["case"].pk])))
    listing = c.get(reverse("case_list"))
    assert refused(listing) and objects["case"].code not in listing.content.decode()
