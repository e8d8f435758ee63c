"""Case reviews: the one place that opens, changes, shares and closes them, and logs every read.

Each function checks the actor's right (asked of tenants.access), writes the change and a log row
in one transaction, and raises PermissionDenied or ValidationError (Japanese message) otherwise."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, get_users_with_perms, remove_perm

from tenants import access, audit

from ...models import AgreedAction, CaseAccessLog, CaseReview, Category
from ...models.cases import new_case_code
from ...models.platforms import current_members

Action = CaseAccessLog.Action
# The legal basis is fixed when a case is opened: switching a consent-based case to a support
# meeting would let it be shared without (or after the withdrawal of) consent.
EDITABLE = ("held_on", "categories", "summary", "next_review_on")


def log(user, case, action, detail=""):
    """Append one row to the case access log."""
    return CaseAccessLog.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        username=getattr(user, "username", "") or "", municipality_id=case.municipality_id,
        case_id_ref=case.pk, case_code=case.code, action=action, detail=detail[:200])


def read(user, case, detail=""):
    """Check the right to read a case and log the read; every view of case contents calls this."""
    if not access.can_see_case(user, case):
        raise PermissionDenied
    log(user, case, Action.VIEW, detail)
    return case


def _clean_categories(categories):
    valid = set(Category.values)
    chosen = [value for value in Category.values if value in set(categories or [])]
    if not chosen or set(categories) - valid:
        raise ValidationError(_("Choose at least one category from the list."))
    return chosen


@transaction.atomic
def open_case(user, municipality, *, held_on, legal_basis, categories, summary="", next_review_on=None):
    if not access.coordinates(user, municipality.pk):
        raise PermissionDenied
    for _attempt in range(5):
        code = new_case_code(municipality)
        if not CaseReview.objects.filter(code=code).exists():
            break
    try:
        with transaction.atomic():
            case = CaseReview.objects.create(
                municipality=municipality, code=code, held_on=held_on, legal_basis=legal_basis,
                categories=_clean_categories(categories), summary=summary, next_review_on=next_review_on,
                created_by=user)
    except IntegrityError as error:  # two codes drawn alike at the same moment; very unlikely
        raise ValidationError(_("Please try again.")) from error
    log(user, case, Action.CREATE)
    return case


@transaction.atomic
def update_case(user, case, **fields):
    if not access.can_change_case(user, case) or case.anonymised_on:
        raise PermissionDenied
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {unknown}")
    if "categories" in fields:
        fields["categories"] = _clean_categories(fields["categories"])
    changed = [name for name, value in fields.items() if getattr(case, name) != value]
    for name in changed:
        setattr(case, name, fields[name])
    if changed:
        case.save(update_fields=[*changed, "updated_at"])
        log(user, case, Action.CHANGE, "、".join(str(CaseReview._meta.get_field(name).verbose_name) for name in changed))
    return case


def eligible_participants(case):
    """Accounts that may be named on a case: the municipality's platform members."""
    municipality = case.municipality
    return (get_user_model().objects.filter(is_active=True, groups=municipality.members_group_id)
            .order_by("last_name", "first_name", "username"))


def participants(case):
    """(user, may change) for everyone named on the case."""
    users = get_users_with_perms(case, attach_perms=True, with_superusers=False, with_group_users=False)
    return sorted(((user, "change_casereview" in perms) for user, perms in users.items()),
                  key=lambda pair: (pair[0].last_name, pair[0].first_name, pair[0].username))


@transaction.atomic
def name_participant(user, case, participant, *, may_change=False):
    if not access.can_manage_case(user, case) or case.anonymised_on:
        raise PermissionDenied
    if not eligible_participants(case).filter(pk=participant.pk).exists():
        raise ValidationError(_("Only platform members of this municipality can be named on a case."))
    assign_perm("view_casereview", participant, case)
    if may_change:
        assign_perm("change_casereview", participant, case)
    else:
        remove_perm("change_casereview", participant, case)
    access.forget_cases(participant)
    log(user, case, Action.PARTICIPANTS, _("named %(user)s") % {"user": participant.username})
    audit.record("tsunagu.access_granted", case, by=user,
                 data={"user": participant.get_username(), "may_change": bool(may_change)})


@transaction.atomic
def remove_participant(user, case, participant):
    if not access.can_manage_case(user, case):
        raise PermissionDenied
    remove_perm("view_casereview", participant, case)
    remove_perm("change_casereview", participant, case)
    access.forget_cases(participant)
    log(user, case, Action.PARTICIPANTS, _("removed %(user)s") % {"user": participant.username})
    audit.record("tsunagu.access_revoked", case, by=user, data={"user": participant.get_username()})


@transaction.atomic
def add_action(user, case, *, member, action, due_on=None):
    if not access.can_change_case(user, case) or case.anonymised_on:
        raise PermissionDenied
    if not current_members(case.municipality).filter(pk=member.pk).exists():
        raise ValidationError(_("Choose a current member of this municipality's platform."))
    if not (action or "").strip():
        raise ValidationError(_("Describe the agreed action."))
    row = AgreedAction.objects.create(case=case, member=member, action=action.strip(), due_on=due_on)
    log(user, case, Action.CHANGE, _("agreed action added"))
    return row


@transaction.atomic
def mark_action_done(user, case, action_id, done=True):
    if not access.can_change_case(user, case):
        raise PermissionDenied
    updated = AgreedAction.objects.filter(case=case, pk=action_id).update(done=done)
    if not updated:
        raise ValidationError(_("That action does not belong to this case."))
    log(user, case, Action.CHANGE, _("agreed action marked done") if done else _("agreed action reopened"))


@transaction.atomic
def close_case(user, case, on=None):
    if not access.can_manage_case(user, case):
        raise PermissionDenied
    if case.status == CaseReview.Status.CLOSED:
        raise ValidationError(_("This case is already closed."))
    case.status, case.closed_on = CaseReview.Status.CLOSED, on or timezone.localdate()
    case.save(update_fields=["status", "closed_on", "updated_at"])
    log(user, case, Action.CHANGE, _("closed"))
    return case


def due_for_review(user, today=None):
    """Open cases the user can see whose next review date has come."""
    today = today or timezone.localdate()
    return access.case_reviews_for(user).filter(status=CaseReview.Status.OPEN).filter(
        Q(next_review_on__lte=today))


def revoke_on_leaving_platform(sender, instance, action, reverse, pk_set, **kwargs):
    """m2m_changed on User.groups: someone removed from a municipality's platform-member group
    loses their grants on that municipality's cases, so rejoining later opens nothing."""
    from django.contrib.auth.models import Group
    from guardian.models import UserObjectPermission

    from tenants.models import Municipality

    if action not in ("pre_remove", "pre_clear"):
        return
    if reverse:  # group.user_set.remove(users)
        group_ids, user_ids = [instance.pk], list(pk_set or instance.user_set.values_list("pk", flat=True))
    else:  # user.groups.remove(groups)
        user_ids = [instance.pk]
        group_ids = list(pk_set) if pk_set else list(instance.groups.values_list("pk", flat=True))
    municipalities = Municipality.objects.filter(members_group_id__in=Group.objects.filter(pk__in=group_ids))
    cases = CaseReview.objects.filter(municipality__in=municipalities)
    grants = UserObjectPermission.objects.filter(
        user_id__in=user_ids, content_type__app_label="network", content_type__model="casereview",
        object_pk__in=[str(pk) for pk in cases.values_list("pk", flat=True)])
    for case in cases.filter(pk__in=[int(pk) for pk in grants.values_list("object_pk", flat=True)]):
        log(None, case, Action.PARTICIPANTS, _("Left the platform: access removed (user %(ids)s)") % {"ids": ", ".join(map(str, user_ids))})
    grants.delete()
