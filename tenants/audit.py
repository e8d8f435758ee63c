"""The one audit trail: every state change and every staff action on personal data is written
here, through Wagtail's log action registry, onto `tenants.AuditEntry` (Wagtail's log entry plus
the municipality and partner group it belongs to), so the admin's site history report, its
filters and each object's history page show it, scoped by `access.audit_entries_for`.

Before, history lived in five places:
- Wagtail's ModelLogEntry, written by `log()` for agreement renewals/terminations and group
  editors' grants, and by Wagtail's own create/edit/delete views: no municipality, so the site
  history could only be scoped by the objects still existing (tenants/history.py). These
  models now log here; tenants/history.py still scopes what stays in ModelLogEntry (images,
  documents, Wagtail's own models).
- ProspectHistory (agreements), RequestHistory (expert bank) and ReferralHistory (つなぐシート):
  per-model stage tables shown on each object's page. They stay as the object's own timeline
  (with notes); each change now also writes one entry here, which is what the coordinators'
  "who did what" reads.
- CaseAccessLog: the append-only record of every read of a case record. It stays separate: it
  holds case-level detail Tokyo must not read, and its own view is for the case's coordinators.
Bookings logged nothing (a cancellation's `by` was dropped); they log here now.

Entries never carry case contents: a case review's or referral's entry names the object by its
pseudonymous code and states only the state moved; `data` holds ids and state names."""

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import LazyObject
from wagtail.log_actions import registry as log_action_registry

from . import access
from .audit_log import AuditEntry, AuditEntryManager

USERNAME_KEPT = 150
_places = {}  # model → (municipality lookup or callable, organisation lookup or callable)
_titles = {}  # model → callable naming an instance in the trail


def register(model, municipality="municipality", organisation=None, title=None):
    """Send `model`'s entries here; `municipality`/`organisation`: the path (as for
    access.scope) or a callable from an instance to the Municipality / Organisation it belongs to.
    `title`: how entries name an instance when str() would put a person's name in the trail,
    which outlives the record's retention period."""
    _places[model] = (municipality, organisation)
    if title is not None:
        _titles[model] = title
    log_action_registry.register_model(model, AuditEntry)


def title_of(instance):
    for model in type(instance).__mro__:
        if model in _titles:
            return str(_titles[model](instance))
    return None


def _follow(instance, how):
    if how is None:
        return None
    target = how(instance) if callable(how) else access.municipality_of(instance, how)
    return getattr(target, "pk", target)


def place_of(instance):
    """(municipality id, organisation id) an entry about `instance` belongs to."""
    for model in type(instance).__mro__:
        if model in _places:
            municipality, organisation = _places[model]
            return _follow(instance, municipality), _follow(instance, organisation)
    return None, None


def _actor(by):
    return by if by is not None and getattr(by, "is_authenticated", False) else None


def record(action, instance, *, by, municipality=None, data=None, title=None):
    """Write one entry: `by` did `action` to `instance` (by=None: the system or the public).
    `municipality` overrides the place registered for the instance's model."""
    if isinstance(instance, LazyObject):  # request.user: its type decides where the entry goes
        getattr(instance, "pk")  # evaluates it
        instance = instance._wrapped
    if log_action_registry.get_log_model_for_instance(instance) is not AuditEntry:
        raise ImproperlyConfigured(f"{type(instance).__name__} is not registered with tenants.audit")
    extra = {"title": title} if title else {}
    if municipality is not None:
        extra["municipality_id"] = getattr(municipality, "pk", municipality)
    return log_action_registry.log(instance, action, user=_actor(by), data=data or {}, **extra)


def record_export(what, *, by, instance=None, municipality=None):
    """A staff member took a file away: recorded on the object exported, else on the
    municipality exported, else (a Tokyo-wide export) on the exporting account."""
    if instance is None and municipality is not None:
        from .models import Municipality

        instance = municipality if hasattr(municipality, "pk") else Municipality.objects.get(pk=municipality)
    instance = instance if instance is not None else by
    return record("tsunagu.export", instance, by=by, data={"export": str(what)})


def _municipality_of_user(user):
    """The one municipality a staff account works for; accounts of several (or of Tokyo) get
    none, so only the metropolitan coordinators read their sign-ins."""
    ids = access.municipality_ids_for(user, access.Role.PLATFORM_MEMBER)
    return next(iter(ids)) if ids is not None and len(ids) == 1 else None


def _signed_in(sender, request, user, **kwargs):
    from .throttle import client_ip

    record("tsunagu.sign_in", user, by=user, data={"ip": client_ip(request)} if request else {})


NO_ACCOUNT = "0"


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    """No user is signed in: the account is the one whose name was typed, if any. The name is
    kept as typed (cut to USERNAME_KEPT characters), the password never."""
    from django.contrib.auth import get_user_model

    from .throttle import client_ip

    User = get_user_model()
    typed = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")[:USERNAME_KEPT]
    data = {"username": typed, "ip": client_ip(request) if request is not None else ""}
    account = User._default_manager.filter(**{User.USERNAME_FIELD: typed}).first() if typed else None
    if account is not None:
        return record("tsunagu.sign_in_failed", account, by=None, data=data)
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    # No account: object id 0, which no user has (the site history loads each entry's object by
    # primary key, so a non-number such as "-" made the whole report answer 500).
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User), object_id=NO_ACCOUNT, label=typed or "-",
        action="tsunagu.sign_in_failed", timestamp=timezone.now(), data=data)


def connect():
    """Called once from TenantsConfig.ready()."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.signals import user_logged_in, user_login_failed

    from .models import Municipality

    AuditEntryManager.place_of = staticmethod(place_of)
    AuditEntryManager.title_of = staticmethod(title_of)
    AuditEntryManager.entries_for = staticmethod(access.audit_entries_for)
    User = get_user_model()
    register(Municipality, municipality="")
    register(User, municipality=_municipality_of_user)
    user_logged_in.connect(_signed_in, dispatch_uid="tsunagu-audit-sign-in")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="tsunagu-audit-sign-in-failed")


def register_actions(actions):
    """The register_log_actions hook: our action names with their labels."""
    from django.utils.translation import gettext_lazy as _

    for name, label, message in (
        ("tsunagu.application.apply", _("New application"), _("Application received")),
        ("tsunagu.application.cancel", _("Cancel application"), _("Application cancelled")),
        ("tsunagu.application.allocate", _("Allocate seat"), _("Seat allocated")),
        ("tsunagu.application.attendance", _("Record attendance"), _("Attendance recorded")),
        ("tsunagu.consultation.change", _("Consultation request"), _("Consultation request moved on")),
        ("tsunagu.prospect.stage", _("Pipeline stage"), _("Pipeline stage changed")),
        ("tsunagu.referral.change", _("Referral"), _("Referral moved on")),
        ("tsunagu.access_granted", _("Grant access"), _("Access granted")),
        ("tsunagu.access_revoked", _("Revoke access"), _("Access revoked")),
        ("tsunagu.sign_in", _("Sign-in"), _("Signed in")),
        ("tsunagu.sign_in_failed", _("Failed sign-in"), _("Sign-in failed")),
        ("tsunagu.export", _("Export"), _("Exported")),
    ):
        actions.register_action(name, label, message)

