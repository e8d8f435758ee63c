"""The admin's site history reads the audit trail by the municipality written on each entry: a
coordinator sees their municipality's entries (those of deleted objects too), a partner group's
editor their group's, Tokyo all of them; the public nothing."""

import pytest
from django.urls import reverse

from network.models import PlatformMembership
from network.profiles.services import grant_editor
from tenants import audit
from tests.conftest import client_for
from tests.tenants.helpers import refused

from ..network.profiles_helpers import make_organisation

REPORT = reverse("wagtailadmin_reports:site_history")


@pytest.fixture
def entries(shinjuku, bunkyo, shinjuku_coordinator, bunkyo_coordinator):
    own = PlatformMembership.objects.create(municipality=shinjuku, name="新宿区 生活福祉課", role="department")
    theirs = PlatformMembership.objects.create(municipality=bunkyo, name="文京区 福祉政策課", role="department")
    audit.record("wagtail.edit", own, by=shinjuku_coordinator)
    audit.record("wagtail.edit", theirs, by=bunkyo_coordinator)
    return own, theirs


def test_coordinator_sees_own_municipality_entries_only(as_shinjuku, as_bunkyo, entries):
    response = as_shinjuku.get(REPORT)
    body = response.content.decode()
    assert response.status_code == 200
    assert "新宿区 生活福祉課" in body and "文京区 福祉政策課" not in body
    body = as_bunkyo.get(REPORT).content.decode()
    assert "文京区 福祉政策課" in body and "新宿区 生活福祉課" not in body


def test_tokyo_sees_every_municipality(as_metro, entries):
    body = as_metro.get(REPORT).content.decode()
    assert "新宿区 生活福祉課" in body and "文京区 福祉政策課" in body


def test_the_entry_of_a_deleted_object_stays_with_its_municipality(as_shinjuku, as_bunkyo, entries,
                                                                   shinjuku_coordinator):
    own, _theirs = entries
    gone = PlatformMembership.objects.create(municipality=own.municipality, name="解散した支援団体", role="private")
    assert as_shinjuku.post(reverse("platform_members:delete", args=[gone.pk])).status_code == 302
    assert not PlatformMembership.objects.filter(pk=gone.pk).exists()
    body = as_shinjuku.get(REPORT).content.decode()
    assert "解散した支援団体" in body
    assert "解散した支援団体" not in as_bunkyo.get(REPORT).content.decode()
    deletion = audit.AuditEntry.objects.get(action="wagtail.delete", object_id=str(gone.pk))
    assert deletion.user == shinjuku_coordinator and deletion.municipality == own.municipality


def test_a_partner_group_editor_sees_only_their_group(make_user, entries, metro_coordinator):
    ours, other = make_organisation("ひだまりの会", "ひだまりのかい"), make_organisation("こもれび家族会", "こもれびかぞくかい")
    editor = make_user("hidamari-editor")
    grant_editor(ours, editor, by=metro_coordinator)
    audit.record("tsunagu.profile_confirmed", other, by=metro_coordinator)
    response = client_for(editor).get(REPORT)
    assert response.status_code == 200
    body = response.content.decode()
    assert "ひだまりの会" in body
    assert "こもれび家族会" not in body and "新宿区 生活福祉課" not in body


def test_filtering_by_action_keeps_the_scope(as_shinjuku, entries):
    body = as_shinjuku.get(REPORT, {"action": "wagtail.edit"}).content.decode()
    assert "新宿区 生活福祉課" in body and "文京区 福祉政策課" not in body


def test_hostile_filter_input_changes_nothing_and_leaks_nothing(as_shinjuku, entries):
    response = as_shinjuku.get(REPORT, {"label": "' OR 1=1 --", "user": "<script>", "timestamp_from": "令和"})
    assert response.status_code == 200
    assert "文京区 福祉政策課" not in response.content.decode()


def test_the_public_is_refused_and_a_platform_member_reads_no_entries(client, shinjuku_member, entries):
    response = client.get(REPORT)
    assert response.status_code == 302 and "/login/" in response["Location"]
    body = client_for(shinjuku_member).get(REPORT).content.decode()
    assert "新宿区 生活福祉課" not in body and "文京区 福祉政策課" not in body


def test_the_per_object_history_shows_the_trail_to_its_coordinator_only(as_shinjuku, as_bunkyo, entries):
    own, _theirs = entries
    url = reverse("platform_members:history", args=[own.pk])
    response = as_shinjuku.get(url)
    assert response.status_code == 200
    assert "shinjuku-coord" in response.content.decode()
    assert refused(as_bunkyo.get(url))


def test_entries_written_before_the_trail_move_to_it_with_their_municipality(as_shinjuku, as_bunkyo, shinjuku,
                                                                             shinjuku_coordinator):
    import importlib

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import ModelLogEntry

    member = PlatformMembership.objects.create(municipality=shinjuku, name="旧記録の構成団体", role="private")
    ModelLogEntry.objects.create(content_type=ContentType.objects.get_for_model(PlatformMembership),
                                 object_id=str(member.pk), label=member.name, action="wagtail.edit",
                                 user=shinjuku_coordinator, timestamp=timezone.now())
    importlib.import_module("network.migrations.0011_move_model_log_entries").move(apps, None)
    assert not ModelLogEntry.objects.filter(object_id=str(member.pk), label=member.name).exists()
    moved = audit.AuditEntry.objects.get(object_id=str(member.pk), action="wagtail.edit")
    assert moved.municipality == shinjuku and moved.user == shinjuku_coordinator
    assert "旧記録の構成団体" in as_shinjuku.get(REPORT).content.decode()
    assert "旧記録の構成団体" not in as_bunkyo.get(REPORT).content.decode()
