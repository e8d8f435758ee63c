from .events import Application, Event, Preference, Session
from .experts import ConsultationRequest, Expert, RequestFile, RequestHistory, RequestReminder

__all__ = ["Application", "ConsultationRequest", "Event", "Expert", "Preference", "RequestFile",
           "RequestHistory", "RequestReminder", "Session"]
