"""One world for the three access matrices that ask about the same roles: cases
(tests/network/test_case_access.py), members-only council material
(tests/network/test_meeting_access.py) and consultation requests
(tests/training/expertbank/test_consultation_access.py).

Each of them used to build its users, organisations, case, meetings and request again for every
test: about a hundred builds of the same few dozen rows. The world is now built once per module,
inside a transaction rolled back at the module's end (the way tests/trust/test_access_matrix.py
builds its own); each test still runs in its own savepoint, and `fresh()` hands it new instances
read from the database, so neither a row nor a cached permission one test changes reaches the
next. The objects and users are the ones each matrix built before, under the same names."""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from network.cases.services import casereviews, consents, referrals
from network.profiles.services import grant_editor
from tenants.models import Municipality
from tenants.roles import Role
from tests.conftest import create_user
from tests.network.case_fixtures import build_case
from tests.network.councils_helpers import council, days_ahead, document, meeting, members_document
from tests.network.profiles_helpers import make_organisation
from training.expertbank import services as consultations
from training.models import Expert

PDF = b"%PDF-1.4\n% consent form scan\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SECRET_MINUTE = "個別の連携課題について構成員限定で協議した"
SECRET_TITLE = "第3回 構成員限定 連携調整会議"


def build():
    """Create the world in the current transaction; returns {name: instance}. Users are made by
    the suite's own `create_user`, exactly as the per-test fixtures made them."""
    make_user = create_user
    tokyo = {m.slug: m for m in Municipality.objects.filter(slug__in=["shinjuku", "bunkyo"])}
    shinjuku, bunkyo = tokyo["shinjuku"], tokyo["bunkyo"]
    users = {
        "shinjuku_coordinator": make_user("shinjuku-coord", Role.MUNICIPAL_COORDINATOR, shinjuku),
        "bunkyo_coordinator": make_user("bunkyo-coord", Role.MUNICIPAL_COORDINATOR, bunkyo),
        "metro_coordinator": make_user("tokyo-coord", Role.METRO_COORDINATOR),
        "shinjuku_member": make_user("shinjuku-member", Role.PLATFORM_MEMBER, shinjuku),
        "partner_editor": make_user("partner-editor", Role.PARTNER_EDITOR),
    }
    world = {**users, **_case(make_user, shinjuku, bunkyo, users)}
    world.update(_council_material(make_user, shinjuku, bunkyo))
    world.update(_consultation(make_user, users["metro_coordinator"]))
    for user in get_user_model().objects.filter(pk__in=[o.pk for o in world.values()
                                                         if isinstance(o, get_user_model())]):
        # The confirmed authenticator client_for() would otherwise make in every test.
        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return world


def _case(make_user, shinjuku, bunkyo, users):
    """tests/network/case_fixtures.build_case plus what test_case_access's `objects` added to it."""
    coordinator = users["shinjuku_coordinator"]
    built = build_case(make_user, shinjuku, bunkyo, coordinator)
    case, youth, welfare = built["case"], built["youth"], built["welfare"]
    scanned = consents.record_consent(
        coordinator, case, given_by="family", items=["basics"], recipients=[youth],
        purpose="家族会への紹介", given_on=timezone.localdate(), method="signed_form",
        scan=SimpleUploadedFile("form.pdf", PDF, content_type="application/pdf"))
    referral = referrals.send(coordinator, case, from_member=welfare, to_member=youth,
                              items=["basics"], message="若者サポートへつなぎます", consent=scanned)
    action = casereviews.add_action(coordinator, case, member=youth, action="面談を設定する")
    return {**built, "scanned": scanned, "referral": referral, "action": action}


def _council_material(make_user, shinjuku, bunkyo):
    """What test_meeting_access's `material` and `people` fixtures built."""
    body = council(shinjuku)
    secret_doc = members_document(shinjuku, "構成員限定資料 支援状況一覧", content=b"%PDF confidential-7431")
    public_doc = document(shinjuku.collection, "公開資料 協議会の概要", content=b"%PDF public")
    public_meeting = meeting(body, 2, "第2回 新宿区ひきこもり支援協議会", days_ahead(10),
                             place="新宿区役所 第1委員会室", agenda="相談窓口の状況について",
                             documents=[("document", {"label": "資料１", "document": public_doc})])
    secret_meeting = meeting(
        body, 3, SECRET_TITLE, days_ahead(20), members_only=True, agenda="連携課題の共有",
        minutes=[("statement", {"speaker_role": "構成員", "speaker_name": "山田", "text": SECRET_MINUTE})],
        documents=[("document", {"label": "資料２", "document": secret_doc})])
    return {"council": body, "public": public_meeting, "secret": secret_meeting, "secret_doc": secret_doc,
            "public_doc": public_doc,
            "meeting_bunkyo_member": make_user("bunkyo-member", Role.PLATFORM_MEMBER, bunkyo)}


def _consultation(make_user, metro):
    """What tests/training/conftest's groups, editors and experts and test_consultation_access's
    `assigned` built."""
    from tests.training.conftest import later

    group_a = make_organisation("ひだまりの会", "ひだまりのかい")
    group_b = make_organisation("こもれび家族会", "こもれびかぞくかい")
    editor_a = make_user("editor-a", email="editor-a@hidamari.example.jp")
    grant_editor(group_a, editor_a)
    editor_b = make_user("editor-b")
    grant_editor(group_b, editor_b)
    lawyer = Expert.objects.create(user=make_user("lawyer", Role.PROFESSIONAL, last_name="lawyer", first_name="先生"),
                                   qualification="弁護士", legal=True, monthly_maximum=2)
    other_lawyer = Expert.objects.create(
        user=make_user("lawyer2", Role.PROFESSIONAL, last_name="lawyer2", first_name="先生"),
        qualification="弁護士", legal=True)
    metro.email = "tokyo-coord@example.jp"
    metro.save()
    consultation = consultations.submit(
        group_a, editor_a, field="legal", topic="規約の見直し", background="会則を改定したい。",
        preferred=[later(7)], format="online",
        files=[SimpleUploadedFile("会則.pdf", b"%PDF-1.4 rules", content_type="application/pdf")])
    assigned = consultations.transition(consultation, "assign", metro, expert=lawyer)
    return {"group_a": group_a, "group_b": group_b, "editor_a": editor_a, "editor_b": editor_b,
            "lawyer": lawyer, "other_lawyer": other_lawyer, "assigned": assigned}


def fresh(world):
    """The world's objects read again from the database, for one test."""
    return {name: type(obj)._base_manager.get(pk=obj.pk) for name, obj in world.items()}
