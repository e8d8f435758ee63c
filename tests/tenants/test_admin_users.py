"""Wagtail's users and groups admin is global, so no coordinator may reach it."""

import pytest
from django.urls import reverse

from tests.conftest import client_for

from .helpers import refused

GLOBAL_ADMIN_URLS = ["wagtailusers_users:index", "wagtailusers_users:add",
                     "wagtailusers_groups:index", "wagtailusers_groups:add",
                     "wagtailsites:index", "wagtailadmin_workflows:index"]


@pytest.mark.parametrize("url_name", GLOBAL_ADMIN_URLS)
@pytest.mark.parametrize("who", ["shinjuku_coordinator", "metro_coordinator", "partner_editor"])
def test_users_groups_and_sites_admin_are_refused(db, request, who, url_name):
    client = client_for(request.getfixturevalue(who))
    response = client.get(reverse(url_name))
    assert refused(response), (who, url_name, response.status_code)


def test_editing_another_user_is_refused(as_shinjuku, bunkyo_coordinator):
    response = as_shinjuku.get(reverse("wagtailusers_users:edit", args=[bunkyo_coordinator.pk]))
    assert refused(response)
    assert "bunkyo-coord" not in response.content.decode()


def test_menu_does_not_offer_users_or_groups(as_shinjuku):
    body = as_shinjuku.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailusers_users:index") not in body
    assert reverse("wagtailusers_groups:index") not in body


MEMBER_REFUSED_URLS = ["wagtailadmin_explore_root", "wagtailimages:index", "wagtaildocs:index",
                       "wagtailsnippets_network_organisation:add", "platform_members:index",
                       "wagtailusers_users:index", "case_new", "case_access_log"]


def test_public_cannot_enter_the_admin(client):
    assert client.get(reverse("wagtailadmin_home"))["Location"].startswith("/admin/login/")


def test_platform_member_enters_the_admin_for_case_reviews_only(shinjuku_member):
    """Members sign in to read the case reviews they are named on; nothing else opens to them."""
    member = client_for(shinjuku_member)
    home = member.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200 and reverse("case_list") in home.content.decode()
    for url_name in MEMBER_REFUSED_URLS:
        response = member.get(reverse(url_name))
        assert refused(response), (url_name, response.status_code)
