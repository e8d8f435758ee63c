"""Agreements: derived status, the partner badge, renewal and termination, and who may see them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from agreements import services
from agreements.models import Agreement
from network.models import Organisation
from network.partners import with_partner_flag
from tests.conftest import client_for
from tests.tenants.helpers import refused

D = datetime.date


@pytest.fixture
def organisation(demo_organisations, tokyo):
    return Organisation.objects.get(name="育て上げネット")


@pytest.fixture
def agreement(organisation):
    return Agreement.objects.create(number="R6-001", organisation=organisation, signed_on=D(2026, 3, 20),
                                    valid_from=D(2026, 4, 1), valid_until=D(2027, 3, 31))


def is_partner(organisation, today):
    return with_partner_flag(Organisation.objects.filter(pk=organisation.pk), today).get().is_partner


@pytest.mark.parametrize(("today", "status"), [
    (D(2026, 3, 31), "pending"), (D(2026, 4, 1), "active"), (D(2027, 1, 30), "active"),
    (D(2027, 1, 31), "expiring"), (D(2027, 3, 31), "expiring"), (D(2027, 4, 1), "expired"),
])
def test_status_is_derived_from_the_dates(agreement, today, status):
    assert agreement.status_on(today) == status


def test_partner_badge_starts_on_the_first_day_and_ends_after_the_last(agreement, organisation):
    assert not is_partner(organisation, D(2026, 3, 31))
    assert is_partner(organisation, D(2026, 4, 1))
    assert is_partner(organisation, D(2027, 3, 31))
    assert not is_partner(organisation, D(2027, 4, 1))


def test_termination_ends_partnership_from_its_date_and_needs_a_reason(agreement, organisation):
    with translation.override("ja"), pytest.raises(ValidationError) as error:
        services.terminate(agreement, on=D(2026, 9, 1), reason="  ")
    assert "理由" in " ".join(error.value.messages)
    agreement.refresh_from_db()
    assert agreement.terminated_on is None  # nothing written
    agreement = services.terminate(agreement, on=D(2026, 9, 1), reason="団体の解散")
    assert is_partner(organisation, D(2026, 8, 31))
    assert not is_partner(organisation, D(2026, 9, 1))
    assert agreement.status_on(D(2026, 9, 1)) == "terminated"


def test_renewal_creates_a_linked_agreement_once(agreement, organisation):
    renewal = services.renew(agreement, number="R9-001", signed_on=D(2027, 3, 15),
                             valid_from=D(2027, 4, 1), valid_until=D(2030, 3, 31))
    assert renewal.renews == agreement and renewal.organisation == organisation
    assert is_partner(organisation, D(2028, 1, 1))
    with pytest.raises(ValidationError):
        services.renew(agreement, number="R9-002", signed_on=D(2027, 3, 15), valid_from=D(2027, 4, 1))
    assert Agreement.objects.filter(organisation=organisation).count() == 2


def test_public_directory_badges_and_filters_partners_from_todays_agreements(client, organisation):
    from django.utils import timezone

    today = timezone.localdate()
    body = client.get("/directory/?partner=on").content.decode()
    assert "育て上げネット" not in body
    Agreement.objects.create(number="R-today", organisation=organisation, signed_on=today, valid_from=today)
    body = client.get("/directory/?partner=on").content.decode()
    assert "育て上げネット" in body and "都の連携団体" in body
    detail = client.get(f"/directory/{organisation.pk}/").content.decode()
    assert "都の連携団体" in detail


def test_only_metropolitan_coordinators_see_agreements(as_metro, as_shinjuku, partner_editor, agreement):
    listing = reverse("wagtailsnippets_agreements_agreement:list")
    edit = reverse("wagtailsnippets_agreements_agreement:edit", args=[agreement.pk])
    assert as_metro.get(listing).status_code == 200 and "R6-001" in as_metro.get(listing).content.decode()
    for client in (as_shinjuku, client_for(partner_editor)):
        assert refused(client.get(listing)) and refused(client.get(edit))


def test_documents_are_private_and_served_to_metro_coordinators_only(as_metro, as_shinjuku, client, agreement):
    from django.conf import settings

    agreement.document.save("kyotei.pdf", ContentFile(b"%PDF-1.4 signed"))
    assert str(settings.PRIVATE_MEDIA_ROOT) in agreement.document.path
    assert not agreement.document.path.startswith(str(settings.MEDIA_ROOT))
    url = reverse("agreement_document", args=[agreement.pk])
    response = as_metro.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 signed"
    assert refused(as_shinjuku.get(url))
    assert "/admin/login/" in client.get(url)["Location"]


def test_demo_has_the_26_partner_groups_as_agreements(db, tokyo):
    from cms.demo import load_demo

    load_demo()
    assert Agreement.objects.count() == 26
    from django.utils import timezone

    partners = with_partner_flag(Organisation.objects.all()).filter(is_partner=True)
    assert partners.count() == 26 and timezone.localdate() >= D(2024, 4, 1)


def test_metro_coordinator_terminates_and_renews_through_the_admin(as_metro, as_shinjuku, agreement, organisation):
    terminate = reverse("agreement_terminate", args=[agreement.pk])
    assert refused(as_shinjuku.post(terminate, {"on": "2026/09/01", "reason": "解散"}))
    with translation.override("ja"):
        response = as_metro.post(terminate, {"on": "2026/09/01", "reason": ""})
    assert response.status_code == 200 and "必須です" in response.content.decode()
    assert Agreement.objects.get(pk=agreement.pk).terminated_on is None
    renew = reverse("agreement_renew", args=[agreement.pk])
    response = as_metro.post(renew, {"number": "R9-777", "signed_on": "2027/03/20", "valid_from": "2027/04/01"})
    assert response.status_code == 302
    assert Agreement.objects.get(number="R9-777").renews == agreement
    response = as_metro.post(terminate, {"on": "2026/09/01", "reason": "団体の解散"})
    assert response.status_code == 302
    assert Agreement.objects.get(pk=agreement.pk).termination_reason == "団体の解散"


def test_edit_form_cannot_terminate_an_agreement(as_metro, agreement):
    edit = reverse("wagtailsnippets_agreements_agreement:edit", args=[agreement.pk])
    body = as_metro.get(edit).content.decode()
    assert 'name="terminated_on"' not in body and 'name="renews"' not in body
