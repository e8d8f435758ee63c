from .cases import (
    AgreedAction, CaseAccessLog, CaseReview, Category, Consent, Referral, ReferralHistory, ShareItem,
)
from .councils import CouncilIndexPage, CouncilPage, MeetingPage
from .organisations import Organisation, OrganisationPhoto, SupportType
from .platforms import PlatformMembership
from .profiles import EditorInvitation, ProfileReminder
from .windows import ConsultationMethod, ConsultationWindow

__all__ = ["AgreedAction", "CaseAccessLog", "CaseReview", "Category", "Consent", "Referral",
           "ReferralHistory", "ShareItem", "ConsultationMethod", "ConsultationWindow", "CouncilIndexPage", "CouncilPage", "EditorInvitation", "MeetingPage", "Organisation",
           "OrganisationPhoto", "PlatformMembership", "ProfileReminder", "SupportType"]
