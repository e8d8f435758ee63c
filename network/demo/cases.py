"""Demo case reviews for Shinjuku: one support-meeting case and one consent-based case with a
consent and a referral across to Bunkyo. The demo platform member (shinjuku-member) is staff of
the youth-employment member and named on both cases. Idempotent. The texts are invented and name
no one, as real records must."""

import datetime

from django.utils import timezone

from tenants.demo_guard import demo_only
from tenants.models import Municipality

from ..cases.services import casereviews, consents, referrals
from ..models import CaseReview, PlatformMembership


def _member(municipality, name, role, staff=None):
    member, _ = PlatformMembership.objects.get_or_create(
        municipality=municipality, name=name, defaults={"role": role, "joined_on": datetime.date(2024, 4, 1)})
    if staff is not None:
        member.staff.add(staff)
    return member


@demo_only
def load_demo_cases(coordinator, member, bunkyo_member=None):
    shinjuku = Municipality.objects.filter(slug="shinjuku").first()
    bunkyo = Municipality.objects.filter(slug="bunkyo").first()
    if shinjuku is None or coordinator is None or CaseReview.objects.filter(municipality=shinjuku).exists():
        return 0
    today = timezone.localdate()
    welfare = _member(shinjuku, "新宿区 福祉部 生活福祉課", PlatformMembership.Role.DEPARTMENT)
    andante = _member(shinjuku, "若年者就労支援室「あんだんて」", PlatformMembership.Role.PRIVATE, staff=member)
    swc = _member(shinjuku, "新宿区社会福祉協議会", PlatformMembership.Role.SWC)
    centre = _member(bunkyo, "文京区ひきこもり支援センター", PlatformMembership.Role.AGENCY, staff=bunkyo_member)

    meeting_case = casereviews.open_case(
        coordinator, shinjuku, held_on=today - datetime.timedelta(days=14),
        legal_basis=CaseReview.LegalBasis.SUPPORT_MEETING, categories=["withdrawal", "income", "care"],
        summary="50代。20年以上ひきこもりの状態。同居の親が要介護となり、世帯の収入が年金のみ。"
                "ご本人は外出をためらうが、訪問には応じている。",
        next_review_on=today + datetime.timedelta(days=14))
    casereviews.name_participant(coordinator, meeting_case, member, may_change=True)
    casereviews.add_action(coordinator, meeting_case, member=welfare, action="生活困窮の相談として家計の見直しを提案する",
                           due_on=today + datetime.timedelta(days=7))
    casereviews.add_action(coordinator, meeting_case, member=swc, action="地域包括支援センターと介護の方針を共有する",
                           due_on=today + datetime.timedelta(days=10))

    consent_case = casereviews.open_case(
        coordinator, shinjuku, held_on=today - datetime.timedelta(days=3),
        legal_basis=CaseReview.LegalBasis.CONSENT, categories=["work", "mind"],
        summary="20代。大学中退後、自宅で過ごしている。短時間の就労体験に関心がある。",
        next_review_on=today + datetime.timedelta(days=28))
    casereviews.name_participant(coordinator, consent_case, member, may_change=True)
    consent = consents.record_consent(
        coordinator, consent_case, given_by="person", items=["basics", "consultation", "history"],
        recipients=[andante, centre], purpose="就労体験と居場所の紹介のため", given_on=today - datetime.timedelta(days=3),
        method="verbal")
    referrals.send(member, consent_case, from_member=andante, to_member=centre, items=["basics", "consultation"],
                   message="文京区の居場所プログラムへの参加を希望されています。初回は同行を予定しています。", consent=consent)
    return 2
