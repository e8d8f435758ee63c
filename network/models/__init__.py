from .organisations import Organisation, SupportType
from .windows import ConsultationMethod, ConsultationWindow

__all__ = ["ConsultationMethod", "ConsultationWindow", "Organisation", "SupportType"]
