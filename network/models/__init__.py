from .windows import ConsultationMethod, ConsultationWindow

__all__ = ["ConsultationMethod", "ConsultationWindow"]
