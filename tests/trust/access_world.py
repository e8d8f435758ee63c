"""The world the access matrix runs in: the demo data (every kind of object the admin and the
public site serve) plus the few objects the demo does not make, with one signed-in client per
role. Every object a URL is asked about belongs to 新宿区, to the demo partner group
(育て上げネット) or to the demo lawyer, so each role is either the owner, another municipality,
another organisation, another professional or the public."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from PIL import Image as PILImage
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.log_actions import log
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site, UploadedFile

from agreements.models import Agreement, Prospect, ProspectFile, SiteVisit
from cms.demo import DEMO_PARTNER_ORGANISATION, load_demo
from cms.models import StandardPage
from network.profiles import services as invitations
from network.cases.services import consents
from network.models import CaseReview, ConsultationWindow, MeetingPage, Organisation, PlatformMembership, Referral
from network.profiles.services import grant_editor
from tenants.models import Municipality
from tenants.provisioning import members_collection
from tenants.roles import GLOBAL_GROUP_NAMES, Role
from tests.conftest import verify_second_factor
from training.events import services as bookings
from training.models import Application, ConsultationRequest, Event, Expert, RequestFile, Session

# Who asks. "shinjuku" owns every municipal object; "bunkyo" is another municipality;
# "member" is a 新宿区 platform member named on the cases, "unnamed_member" one who is not, and
# "bunkyo_member" staff of the 文京区 member that receives the case's referral; "partner" edits
# the object organisation, "other_partner" another one; "expert" is assigned the object
# consultation, "other_expert" is another professional.
ROLES = ("public", "admin", "tokyo", "shinjuku", "bunkyo", "member", "unnamed_member", "bunkyo_member",
         "partner", "other_partner", "expert", "other_expert")
DEMO_LOGINS = {"admin": "admin", "tokyo": "tokyo", "shinjuku": "shinjuku", "bunkyo": "bunkyo",
               "member": "shinjuku-member", "partner": "partner", "expert": "expert", "other_expert": "expert-medical"}


def build_world():
    """Create the world in the current transaction and return (objects, users)."""
    load_demo()
    users = {role: get_user_model().objects.get(username=name) for role, name in DEMO_LOGINS.items()}
    shinjuku = Municipality.objects.get(slug="shinjuku")
    organisation = Organisation.objects.get(name=DEMO_PARTNER_ORGANISATION)
    users["other_partner"] = _editor_of_another_group(organisation)
    users["unnamed_member"] = _platform_member("shinjuku-unnamed", shinjuku)
    users["bunkyo_member"] = _platform_member("bunkyo-centre-staff", Municipality.objects.get(slug="bunkyo"))
    world = {"municipality": shinjuku, "municipality_root": shinjuku.root_page, "organisation": organisation,
             "site": Site.objects.get(is_default_site=True)}
    world.update(_pages(shinjuku, users["shinjuku"], world["site"]))
    world.update(_media(shinjuku, users["shinjuku"]))
    world.update(_network(shinjuku, organisation, users))
    world.update(_events_and_consultations(shinjuku, organisation, users))
    world.update(_cases(shinjuku, users["shinjuku"], users["bunkyo_member"]))
    return world, users


def clients_for(users):
    """One client per role, signed in and past the second factor (the public has none). A view
    that fails answers 500 instead of raising, so the matrix reports it like any other answer."""
    clients = {"public": Client(raise_request_exception=False)}
    for role, user in users.items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        verify_second_factor(client, user)
        clients[role] = client
    return clients


def _editor_of_another_group(organisation):
    other = Organisation.objects.filter(live=True).exclude(pk=organisation.pk).order_by("pk").first()
    user = get_user_model().objects.create_user("other-partner", email="other-partner@example.jp")
    user.groups.add(Group.objects.get(name=GLOBAL_GROUP_NAMES[Role.PARTNER_EDITOR]))
    grant_editor(other, user)
    return user


def _platform_member(username, municipality):
    user = get_user_model().objects.create_user(username, email=f"{username}@example.jp")
    user.groups.add(municipality.members_group)
    return user


def _pages(shinjuku, coordinator, site):
    """A live page with a newer draft revision, an alias of it, a locked unpublished draft, a
    meeting in moderation and a members-only meeting (from the demo)."""
    page = shinjuku.root_page.add_child(instance=StandardPage(title="アクセス確認のページ", slug="access-matrix",
                                                              live=False))
    page.save_revision(user=coordinator).publish()
    page.title = "アクセス確認のページ（下書き）"
    revision = page.save_revision(user=coordinator)
    page.refresh_from_db()
    alias = page.create_alias(parent=shinjuku.root_page, update_slug="access-matrix-alias", user=coordinator)

    draft_page = shinjuku.root_page.add_child(instance=StandardPage(title="新宿区 未公開の下書きページ",
                                                                    slug="access-matrix-draft", live=False))
    draft_page.save_revision(user=coordinator)
    log(draft_page, "wagtail.create", user=coordinator)
    Page.objects.filter(pk=draft_page.pk).update(locked=True, locked_by=coordinator, locked_at=timezone.now())
    draft_page.refresh_from_db()

    meeting = MeetingPage.objects.descendant_of(shinjuku.root_page).filter(live=False).first()
    meeting.save_revision(user=coordinator)
    workflow = meeting.get_workflow()
    workflow_state = meeting.current_workflow_state or workflow.start(meeting, coordinator)
    members_only_page = MeetingPage.objects.descendant_of(shinjuku.root_page).filter(
        live=True, members_only=True).first()
    public_meeting = MeetingPage.objects.descendant_of(shinjuku.root_page).filter(
        live=True, members_only=False).exclude(path__startswith=members_only_page.get_parent().path).first()
    return {
        "page": page, "revision": revision, "alias": alias, "draft_page": draft_page, "meeting": meeting,
        "workflow": workflow, "workflow_state": workflow_state, "task_state": workflow_state.current_task_state,
        "task": workflow_state.current_task_state.task, "members_only_page": members_only_page,
        "public_meeting": public_meeting,
        "page_restriction": PageViewRestriction.objects.filter(
            page__in=members_only_page.get_ancestors(inclusive=True)).first(),
        "editing_session": EditingSession.objects.create(user=coordinator, content_object=page.page_ptr,
                                                         last_seen_at=timezone.now()),
        "redirect": Redirect.objects.create(old_path="/shinjuku/old", redirect_page=page, site=site),
    }


def _media(shinjuku, coordinator):
    """A document, a members-only document and an image in 新宿区's collections, and uploads in
    progress (multiple upload) by its coordinator."""
    members = members_collection(shinjuku)

    def document(title, collection, name):
        return Document.objects.create(title=title, collection=collection, uploaded_by_user=coordinator,
                                       file=ContentFile(b"%PDF-1.4 " + name.encode(), name=name))

    def upload(model, content, name):
        return UploadedFile.objects.create(for_content_type=ContentType.objects.get_for_model(model),
                                           uploaded_by_user=coordinator, file=ContentFile(content, name=name))

    return {
        "collection": shinjuku.collection,
        "document": document("新宿区 配布資料", shinjuku.collection, "haifu.pdf"),
        "members_document": document("新宿区 構成員限定資料", members, "gentei.pdf"),
        "collection_restriction": CollectionViewRestriction.objects.get(collection=members),
        "image": Image.objects.create(title="新宿区 写真", collection=shinjuku.collection, uploaded_by_user=coordinator,
                                      file=ContentFile(_png(), name="shashin.png"), width=8, height=8),
        "uploaded_document": upload(Document, b"%PDF-1.4 upload", "upload.pdf"),
        "uploaded_image": upload(Image, _png(), "upload.png"),
    }


def _network(shinjuku, organisation, users):
    """A window with a draft revision, the partner group's profile in review, the candidate 新宿区
    referred, its file and site visit, the group's agreement with its document, a platform member,
    an editor invitation, and what the users and password-reset views are asked about."""
    window = ConsultationWindow.objects.filter(municipality=shinjuku).order_by("pk").first()
    organisation_revision = organisation.save_revision(user=users["partner"])
    review = organisation.current_workflow_state or organisation.get_workflow().start(organisation, users["partner"])
    prospect = Prospect.objects.get(referred_by=shinjuku)
    agreement = Agreement.objects.filter(organisation=organisation).first()
    agreement.document.save("keiyaku.pdf", ContentFile(b"%PDF-1.4 agreement"), save=True)
    invitation = invitations.invite(organisation, "new-editor@example.jp", by=users["tokyo"])
    coordinator = users["shinjuku"]
    membership = PlatformMembership.objects.filter(municipality=shinjuku).order_by("pk").first()
    # Site history entries, as the admin's create and edit views write them.
    log(membership, "wagtail.edit", user=coordinator)
    log(prospect, "wagtail.create", user=users["tokyo"])
    return {
        "window": window, "window_revision": window.save_revision(user=coordinator),
        "organisation_revision": organisation_revision, "org_workflow_state": review,
        "org_task_state": review.current_task_state, "org_task": review.current_task_state.task,
        "prospect": prospect, "prospect_organisation": prospect.organisation,
        "prospect_file": ProspectFile.objects.create(prospect=prospect, title="リーフレット",
                                                     file=ContentFile(b"%PDF-1.4 leaflet", name="leaflet.pdf")),
        "site_visit": SiteVisit.objects.order_by("pk").first(), "agreement": agreement,
        "agreement_serial": agreement.number.rsplit("-", 1)[-1],
        "membership": membership,
        "invitation_token": invitations.token_for(invitation),
        "user": users["member"], "group": shinjuku.members_group,
        "reset_uid": urlsafe_base64_encode(force_bytes(coordinator.pk)),
        "reset_token": default_token_generator.make_token(coordinator),
    }


def _events_and_consultations(shinjuku, organisation, users):
    """A 新宿区 seminar with one application, the partner group's booking of the exchange meeting,
    and the group's consultation assigned to the demo lawyer, with a file."""
    event = Event.objects.create(kind=Event.Kind.FAMILY_SEMINAR, title="新宿区 家族セミナー", municipality=shinjuku,
                                 venue="新宿区役所 第1分庁舎", published=True,
                                 deadline=timezone.now() + datetime.timedelta(days=20),
                                 description="ご家族向けのセミナーです。")
    start = timezone.now() + datetime.timedelta(days=30)
    session = Session.objects.create(event=event, starts_at=start, ends_at=start + datetime.timedelta(hours=2),
                                     capacity_in_person=20)
    application = bookings.apply(event, [session], name="新宿 花子", name_kana="しんじゅく はなこ",
                                 phone="03-5555-0101", relation="parent", email="hanako@example.jp")
    exchange = Event.objects.get(audience=Event.Audience.PARTNER_GROUPS, title="連携団体交流会")
    bookings.apply(exchange, list(exchange.sessions.all())[:1], seats=1, channel=Application.Channel.PARTNER,
                   by=users["partner"], organisation=organisation, name=str(organisation),
                   email=users["partner"].email, phone=organisation.phone)
    consultation = ConsultationRequest.objects.get(organisation=organisation, expert__user=users["expert"])
    return {
        "event": event, "application": application, "cancel_token": bookings.cancel_token(application),
        "exchange": exchange, "expert": Expert.objects.get(user=users["expert"]), "consultation": consultation,
        "request_file": RequestFile.objects.create(request=consultation, uploaded_by=users["partner"],
                                                   file=ContentFile(b"%PDF-1.4 rules", name="kisoku.pdf")),
    }


def _cases(shinjuku, coordinator, receiving_staff):
    """The demo's consent-based case, a second consent with a signed form's scan, and its
    referral to 文京区's centre, whose staff account is `receiving_staff`."""
    case = CaseReview.objects.filter(municipality=shinjuku, legal_basis=CaseReview.LegalBasis.CONSENT).first()
    referral = Referral.objects.filter(case=case).first()
    referral.to_member.staff.add(receiving_staff)
    consent = consents.record_consent(
        coordinator, case, given_by="family", items=["basics"], recipients=case.consents.first().recipients.all(),
        purpose="居場所の紹介のため", given_on=timezone.localdate(), method="signed_form",
        scan=SimpleUploadedFile("doui.pdf", b"%PDF-1.4 signed consent", content_type="application/pdf"))
    return {"case": case, "consent": consent, "referral": referral}


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return buffer.getvalue()
