"""Every state change and staff action on personal data writes exactly one entry of the audit
trail, with who did it, to what, for which municipality and when."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.models import Prospect
from agreements.services import change_stage
from network.cases.services import referrals
from network.models import Organisation, PlatformMembership
from network.profiles.services import grant_editor, revoke_editor
from tenants import audit
from tenants.audit_log import AuditEntry
from tests.conftest import PASSWORD
from tests.network.case_fixtures import world  # noqa: F401  (fixture)
from training.events import services as bookings
from training.expertbank import services as consultations
from training.models import Application

from ..training.conftest import editor_a, group_a, later, lawyer, metro  # noqa: F401  (fixtures)
from ..training.events.helpers import make_event, person


class Trail:
    """The entries written since it was opened."""

    def __init__(self):
        self.before = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.opened = timezone.now()

    def new(self, **filters):
        return list(AuditEntry.objects.filter(pk__gt=self.before, **filters).order_by("pk"))

    def one(self, action, instance):
        entries = self.new()
        assert [e.action for e in entries] == [action], [(e.action, e.label) for e in entries]
        entry = entries[0]
        assert entry.object_id == str(instance.pk)
        assert entry.content_type.model_class() is type(instance)
        assert self.opened - datetime.timedelta(seconds=1) <= entry.timestamp <= timezone.now()
        return entry


@pytest.fixture
def shinjuku_event(shinjuku):
    return make_event(municipality=shinjuku)


def test_an_application_taken_by_staff_is_one_entry_for_the_event_municipality(shinjuku_event, shinjuku,
                                                                                shinjuku_coordinator):
    event, sessions = shinjuku_event
    trail = Trail()
    application = bookings.apply(event, sessions[:1], by=shinjuku_coordinator, **person(1))
    entry = trail.one("tsunagu.application.apply", application)
    assert entry.user == shinjuku_coordinator and entry.municipality == shinjuku
    assert "申込 太郎" not in entry.label and "090" not in str(entry.data)  # no applicant in the trail


def test_a_public_application_has_no_actor(shinjuku_event, shinjuku):
    event, sessions = shinjuku_event
    trail = Trail()
    application = bookings.apply(event, sessions[:1], **person(2))
    entry = trail.one("tsunagu.application.apply", application)
    assert entry.user is None and entry.municipality == shinjuku


def test_a_cancellation_keeps_who_cancelled(shinjuku_event, shinjuku, shinjuku_coordinator):
    event, sessions = shinjuku_event
    application = bookings.apply(event, sessions[:1], **person(3))
    trail = Trail()
    bookings.cancel(application, by=shinjuku_coordinator)
    entry = trail.one("tsunagu.application.cancel", application)
    assert entry.user == shinjuku_coordinator and entry.municipality == shinjuku
    trail = Trail()
    bookings.cancel(application, by=shinjuku_coordinator)  # already cancelled: nothing changes
    assert trail.new() == []


def test_a_seat_freed_by_a_cancellation_is_one_allocation_entry_per_promoted_application(shinjuku_event,
                                                                                         shinjuku_coordinator):
    event, sessions = make_event(seats=1, municipality=shinjuku_event[0].municipality)
    seated = bookings.apply(event, sessions[:1], **person(4))
    waiting = bookings.apply(event, sessions[:1], **person(5))
    assert waiting.status == Application.Status.WAITING
    trail = Trail()
    bookings.cancel(seated, by=shinjuku_coordinator)
    assert [(e.action, e.object_id, e.user) for e in trail.new()] == [
        ("tsunagu.application.cancel", str(seated.pk), shinjuku_coordinator),
        ("tsunagu.application.allocate", str(waiting.pk), shinjuku_coordinator)]


def test_staff_allocation_run_and_attendance_are_one_entry_each(shinjuku_event, shinjuku, shinjuku_coordinator):
    event, sessions = shinjuku_event
    application = bookings.apply(event, sessions[:1], **person(6))
    Application.objects.filter(pk=application.pk).update(status=Application.Status.UNALLOCATED, session=None)
    sessions[0].__class__.objects.filter(pk=sessions[0].pk).update(booked_in_person=0)
    trail = Trail()
    allocated, _left = bookings.run_allocation(event, by=shinjuku_coordinator)
    assert allocated
    entry = trail.one("tsunagu.application.allocate", application)
    assert entry.user == shinjuku_coordinator and entry.municipality == shinjuku
    trail = Trail()
    bookings.record_attendance(Application.objects.get(pk=application.pk), True, by=shinjuku_coordinator)
    entry = trail.one("tsunagu.application.attendance", application)
    assert entry.data == {"attended": True} and entry.user == shinjuku_coordinator


def test_a_consultation_request_step_is_one_entry_for_the_requesting_group(group_a, editor_a, lawyer, metro):
    trail = Trail()
    consultation = consultations.submit(group_a, editor_a, field="legal", topic="法的リスク", background="確認したい。",
                                        preferred=[later(7), later(8)], format="online")
    entry = trail.one("tsunagu.consultation.change", consultation)
    assert entry.user == editor_a and entry.organisation_id == group_a.pk and entry.municipality is None
    trail = Trail()
    consultations.transition(consultation, "assign", metro, expert=lawyer)
    entry = trail.one("tsunagu.consultation.change", consultation)
    assert entry.user == metro and entry.data["to"] == "assigned"


def test_a_pipeline_stage_change_is_one_entry_for_the_referring_municipality(tokyo, metro_coordinator):
    organisation = Organisation.objects.create(name="ひだまりの会", name_kana="ひだまりのかい", live=True)
    prospect = Prospect.objects.create(organisation=organisation, source=Prospect.Source.REFERRAL,
                                       referred_by=tokyo["shinjuku"], assigned_to=metro_coordinator)
    trail = Trail()
    change_stage(prospect, "schedule_hearing", user=metro_coordinator, note="ヒアリング")
    entry = trail.one("tsunagu.prospect.stage", prospect)
    assert entry.user == metro_coordinator and entry.municipality == tokyo["shinjuku"]
    assert entry.organisation_id == organisation.pk


def test_a_referral_is_one_entry_without_its_message(world, shinjuku):
    trail = Trail()
    referral = referrals.send(world["coordinator"], world["case"], from_member=world["welfare"],
                              to_member=world["youth"], items=["basics"], message="母親の介護と本人の就労の意向",
                              consent=world["consent"])
    entry = trail.one("tsunagu.referral.change", referral)
    assert entry.user == world["coordinator"] and entry.municipality == shinjuku
    assert "母親" not in str(entry.data) + entry.label


def test_a_membership_added_in_the_admin_is_one_entry(as_shinjuku, shinjuku, shinjuku_coordinator):
    data = {"municipality": shinjuku.pk, "organisation": "", "name": "新宿区保健所", "role": "agency",
            "contact_person": "", "contact_email": "", "joined_on": "2026-04-01", "left_on": "",
            "listed_publicly": "on"}
    trail = Trail()
    assert as_shinjuku.post(reverse("platform_members:add"), data).status_code == 302
    entry = trail.one("wagtail.create", PlatformMembership.objects.get(name="新宿区保健所"))
    assert entry.user == shinjuku_coordinator and entry.municipality == shinjuku


def test_a_refused_membership_writes_nothing(as_shinjuku, bunkyo):
    data = {"municipality": bunkyo.pk, "organisation": "", "name": "越境", "role": "agency",
            "joined_on": "2026-04-01"}
    trail = Trail()
    assert as_shinjuku.post(reverse("platform_members:add"), data).status_code == 200
    assert trail.new() == []


def test_granting_and_revoking_a_group_editor_is_one_entry_each(group_a, make_user, metro_coordinator):
    editor = make_user("new-editor")
    trail = Trail()
    grant_editor(group_a, editor, by=metro_coordinator)
    entry = trail.one("tsunagu.editor_granted", group_a)
    assert entry.user == metro_coordinator and entry.organisation_id == group_a.pk
    trail = Trail()
    revoke_editor(group_a, editor, by=metro_coordinator)
    assert trail.one("tsunagu.editor_revoked", group_a).data == {"editor": "new-editor"}


def test_naming_a_case_participant_is_one_entry_without_case_contents(world, shinjuku, make_user):
    from network.cases.services import casereviews
    from tenants.roles import Role

    another = make_user("another-member", Role.PLATFORM_MEMBER, shinjuku)
    trail = Trail()
    casereviews.name_participant(world["coordinator"], world["case"], another)
    entry = trail.one("tsunagu.access_granted", world["case"])
    assert entry.municipality == shinjuku and entry.label == world["case"].code
    assert "ひきこもり" not in str(entry.data)


def test_signing_in_is_one_entry_for_the_account_municipality(client, shinjuku, shinjuku_coordinator):
    trail = Trail()
    response = client.post(reverse("wagtailadmin_login"), {"username": "shinjuku-coord", "password": PASSWORD},
                           REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302
    entry = trail.one("tsunagu.sign_in", shinjuku_coordinator)
    assert entry.user == shinjuku_coordinator and entry.municipality == shinjuku
    assert entry.data == {"ip": "203.0.113.7"}


def test_a_failed_sign_in_is_one_entry_with_the_name_typed_and_never_the_password(client, shinjuku,
                                                                                  shinjuku_coordinator):
    trail = Trail()
    response = client.post(reverse("wagtailadmin_login"), {"username": "shinjuku-coord", "password": "wrong-pass"},
                           REMOTE_ADDR="203.0.113.8")
    assert response.status_code == 200
    entry = trail.one("tsunagu.sign_in_failed", shinjuku_coordinator)
    assert entry.user is None and entry.municipality == shinjuku
    assert entry.data == {"username": "shinjuku-coord", "ip": "203.0.113.8"}
    assert "wrong-pass" not in str(entry.data) + entry.label


def test_a_failed_sign_in_for_no_account_keeps_a_hostile_name_as_typed(client, db):
    typed = "<script>alert(1)</script>' OR 1=1 --"
    trail = Trail()
    response = client.post(reverse("wagtailadmin_login"), {"username": typed, "password": "whatever"})
    assert response.status_code == 200 and "<script>alert(1)" not in response.content.decode()
    entries = trail.new()
    assert [e.action for e in entries] == ["tsunagu.sign_in_failed"]
    assert entries[0].municipality is None and entries[0].object_id == audit.NO_ACCOUNT
    assert entries[0].data["username"] == typed


def test_the_site_history_shows_a_failed_sign_in_for_no_account(client, as_metro, db):
    """The report loads each entry's object by primary key; an entry with no account once
    made the whole report answer 500."""
    client.post(reverse("wagtailadmin_login"), {"username": "存在しない名前", "password": "whatever"})
    response = as_metro.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200 and "存在しない名前" in response.content.decode()


def test_a_failed_sign_in_with_an_overlong_name_is_cut_short(rf, db):
    from django.contrib.auth import authenticate

    typed = "x" * 250  # beyond the trail's 150; django-axes itself keeps at most 255
    trail = Trail()
    assert authenticate(rf.post("/admin/login/"), username=typed, password="whatever") is None
    assert [len(e.data["username"]) for e in trail.new(action="tsunagu.sign_in_failed")] == [150]


def test_a_case_export_is_one_entry_and_still_one_access_log_row(world, shinjuku):
    from network.models import CaseAccessLog
    from tests.conftest import client_for

    logged = CaseAccessLog.objects.count()
    trail = Trail()
    response = client_for(world["coordinator"]).get(reverse("case_export", args=[world["case"].pk]))
    assert response.status_code == 200
    exports = trail.new(action="tsunagu.export")
    assert len(exports) == 1 and exports[0].object_id == str(world["case"].pk)
    assert exports[0].user == world["coordinator"] and exports[0].municipality == shinjuku
    assert CaseAccessLog.objects.count() == logged + 1


def test_the_event_statistics_export_is_one_entry(as_shinjuku, shinjuku, shinjuku_coordinator):
    trail = Trail()
    response = as_shinjuku.get(reverse("event_statistics") + "?format=csv")
    assert response.status_code == 200
    entry = trail.one("tsunagu.export", shinjuku)
    assert entry.user == shinjuku_coordinator and entry.data == {"export": "event_statistics.csv"}
