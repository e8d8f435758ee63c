from .experts import ConsultationRequest, Expert, RequestFile, RequestHistory, RequestReminder

__all__ = ["ConsultationRequest", "Expert", "RequestFile", "RequestHistory", "RequestReminder"]
