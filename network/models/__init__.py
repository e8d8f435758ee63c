from .organisations import Organisation, OrganisationPhoto, SupportType
from .platforms import PlatformMembership
from .profiles import EditorInvitation, ProfileReminder
from .windows import ConsultationMethod, ConsultationWindow

__all__ = ["ConsultationMethod", "ConsultationWindow", "EditorInvitation", "Organisation",
           "OrganisationPhoto", "PlatformMembership", "ProfileReminder", "SupportType"]
