from .organisations import Organisation, OrganisationPhoto, SupportType
from .profiles import EditorInvitation, ProfileReminder
from .windows import ConsultationMethod, ConsultationWindow

__all__ = ["ConsultationMethod", "ConsultationWindow", "EditorInvitation", "Organisation",
           "OrganisationPhoto", "ProfileReminder", "SupportType"]
