"""Every demo user signs in to the admin (README command 1), on the demo built once for the module."""

import pytest
from django.urls import reverse

from cms.demo import DEMO_PASSWORD


@pytest.mark.parametrize("username", ["tokyo", "shinjuku", "bunkyo", "shinjuku-member", "partner", "expert",
                                      "admin"])
def test_demo_users_sign_in_to_the_admin(client, demo, username, settings):
    settings.TSUNAGU_REQUIRE_2FA = False  # as in the demo's development settings (cms/settings/dev.py)
    response = client.post(reverse("wagtailadmin_login"),
                           {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
