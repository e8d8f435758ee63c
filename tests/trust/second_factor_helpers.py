"""Shared steps of the two-factor tests: sign in with the password as a person does, read the
code an authenticator app would show, open an enrolment link."""

import re

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from tenants.audit_log import AuditEntry

from tenants import second_factor_services
from tests.conftest import PASSWORD


def sign_in(user):
    """Sign in through the admin's login form, as a person does."""
    client = Client()
    response = client.post(reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def current_code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def wrong_code(device):
    return "000000" if current_code(device) != "000000" else "111111"


def enrol_path(link):
    return reverse("second_factor_enrol", args=[second_factor_services.token_for(link)])


def path_in(message):
    """The enrolment link in an email, as a path on the test server."""
    url = re.search(r"https?://\S+/admin/2fa/enrol/[^\s/]+/", message.body).group(0)
    return "/" + url.split("/", 3)[3]


def log_entries(user, change):
    return AuditEntry.objects.filter(action=second_factor_services.LOG_ACTIONS[change], object_id=str(user.pk))
