"""Each municipality keeps its platform's member list; the public sees the members who agreed to
be listed, never the contact person."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from network.models import PlatformMembership
from tests.tenants.helpers import refused

from .profiles_helpers import make_organisation


def url(view, *args):
    return reverse(f"platform_members:{view}", args=args)


@pytest.fixture
def members(shinjuku, bunkyo):
    group = make_organisation("ひだまりの会", "ひだまりのかい")
    listed = PlatformMembership.objects.create(municipality=shinjuku, organisation=group, role="family",
                                               contact_person="日溜 葵", listed_publicly=True)
    department = PlatformMembership.objects.create(municipality=shinjuku, name="新宿区 福祉部", role="department",
                                                   listed_publicly=True)
    unlisted = PlatformMembership.objects.create(municipality=shinjuku, name="非公開の関係機関", role="agency")
    left = PlatformMembership.objects.create(municipality=shinjuku, name="退会した団体", role="private",
                                             listed_publicly=True, joined_on=datetime.date(2020, 4, 1),
                                             left_on=timezone.localdate() - datetime.timedelta(days=1))
    theirs = PlatformMembership.objects.create(municipality=bunkyo, name="文京区 福祉部", role="department",
                                               listed_publicly=True)
    return listed, department, unlisted, left, theirs


def test_municipality_page_lists_current_members_who_agreed(client, shinjuku, members):
    body = client.get(shinjuku.root_page.url).content.decode()
    assert "構成団体" in body
    assert "ひだまりの会" in body and "新宿区 福祉部" in body
    for hidden in ("非公開の関係機関", "退会した団体", "文京区 福祉部", "日溜 葵"):
        assert hidden not in body


def test_coordinator_adds_a_member_to_own_platform_only(as_shinjuku, shinjuku, bunkyo):
    data = {"municipality": shinjuku.pk, "organisation": "", "name": "新宿区保健所", "role": "agency",
            "contact_person": "", "contact_email": "", "joined_on": "2026-04-01", "left_on": "",
            "listed_publicly": "on"}
    assert as_shinjuku.post(url("add"), data).status_code == 302
    assert PlatformMembership.objects.get(name="新宿区保健所").municipality == shinjuku
    response = as_shinjuku.post(url("add"), {**data, "municipality": bunkyo.pk, "name": "越境"})
    assert response.status_code == 200
    assert not PlatformMembership.objects.filter(name="越境").exists()


def test_member_needs_a_name_or_an_organisation_and_sensible_dates(as_shinjuku, shinjuku):
    data = {"municipality": shinjuku.pk, "organisation": "", "name": "", "role": "agency",
            "contact_person": "", "contact_email": "", "joined_on": "2026-04-01", "left_on": "2026-03-01"}
    response = as_shinjuku.post(url("add"), data)
    assert response.status_code == 200
    assert not PlatformMembership.objects.exists()


def test_other_municipality_and_other_roles_are_refused(as_bunkyo, as_shinjuku, members, partner_editor, client):
    from tests.conftest import client_for

    listed, *_rest, theirs = members
    assert refused(as_bunkyo.get(url("edit", listed.pk)))
    assert refused(as_bunkyo.post(url("delete", listed.pk)))
    assert PlatformMembership.objects.filter(pk=listed.pk).exists()
    listing = as_shinjuku.get(url("index")).content.decode()
    assert "ひだまりの会" in listing and "文京区 福祉部" not in listing
    assert client_for(partner_editor).get(url("index")).status_code in (302, 403)
    response = client.get(url("index"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_staff_accounts_are_chosen_among_own_platform_members(as_shinjuku, shinjuku, make_user):
    from tenants.roles import Role

    ours = make_user("shinjuku-youth-staff", Role.PLATFORM_MEMBER, shinjuku)
    theirs = make_user("bunkyo-staff-x", Role.PLATFORM_MEMBER, shinjuku.__class__.objects.get(slug="bunkyo"))
    data = {"municipality": shinjuku.pk, "organisation": "", "name": "新宿若者サポート", "role": "private",
            "contact_person": "", "contact_email": "", "joined_on": "2026-04-01", "left_on": ""}
    form_page = as_shinjuku.get(url("add")).content.decode()
    assert "shinjuku-youth-staff" in form_page and "bunkyo-staff-x" not in form_page
    response = as_shinjuku.post(url("add"), {**data, "staff": [theirs.pk]})
    assert response.status_code == 200 and not PlatformMembership.objects.filter(name="新宿若者サポート").exists()
    assert as_shinjuku.post(url("add"), {**data, "staff": [ours.pk]}).status_code == 302
    assert list(PlatformMembership.objects.get(name="新宿若者サポート").staff.all()) == [ours]


def test_member_still_named_in_a_referral_or_action_cannot_be_deleted(as_shinjuku, shinjuku, shinjuku_coordinator):
    """The case records keep pointing at the member: deleting it is refused with a Japanese
    message and nothing changes (it used to be a 500). A member nothing refers to is deleted."""
    from network.cases.services import casereviews
    from network.models import AgreedAction, CaseReview

    named = PlatformMembership.objects.create(municipality=shinjuku, name="新宿若者サポート", role="private")
    free = PlatformMembership.objects.create(municipality=shinjuku, name="参照のない構成員", role="private")
    case = casereviews.open_case(shinjuku_coordinator, shinjuku, held_on=timezone.localdate(),
                                 legal_basis=CaseReview.LegalBasis.SUPPORT_MEETING, categories=["withdrawal"],
                                 summary="就労支援の検討。", next_review_on=None)
    casereviews.add_action(shinjuku_coordinator, case, member=named, action="面談の日程調整", due_on=None)

    response = as_shinjuku.post(url("delete", named.pk))
    assert response.status_code == 302
    assert PlatformMembership.objects.filter(pk=named.pk).exists()
    assert AgreedAction.objects.filter(member=named).count() == 1
    page = as_shinjuku.get(response["Location"]).content.decode()
    assert "削除できません" in page and "新宿若者サポート" in page

    assert as_shinjuku.post(url("delete", free.pk)).status_code == 302
    assert not PlatformMembership.objects.filter(pk=free.pk).exists()


def test_bulk_delete_of_an_organisation_a_member_refers_to_is_refused(as_metro, members):
    """The snippet bulk delete checks references before deleting: a message, not a 500. (When
    Wagtail's own reference index already knows the reference, Wagtail refuses first, with its
    permission message; either way nothing is deleted.)"""
    from network.models import Organisation

    listed = members[0]
    organisation = listed.organisation
    bulk = reverse("wagtail_bulk_action", args=["network", "organisation", "delete"]) + f"?id={organisation.pk}"
    response = as_metro.post(bulk, follow=True)
    body = response.content.decode()
    assert response.status_code == 200 and ("削除できません" in body or "アクセス権がありません" in body)
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert PlatformMembership.objects.get(pk=listed.pk).organisation == organisation
