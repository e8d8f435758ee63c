"""The one place that decides which municipalities a user may act for, in which role, and what
they may do with the objects of every app.

Everything that shows tenant-owned data (admin viewsets through the permission policies in
`tenants.policies`, public views, choosers) asks here: `from tenants import access`.

    core           grants(), forget(), roles, municipality scoping (scope, can_act_for, ...)
    pages          page subtrees, the page chooser, withdrawing from review, members-only groups
    organisations  partner-group profiles          } the names asked; the rules about network's and
    consultations  expert-bank requests            } training's objects are registered by those
    cases          case reviews and referrals      } apps (their access_rules.py, see registry)
    audit          which audit-trail entries a user reads
    registry       register_rule() / ask(): how an app above tenants answers for its objects
    guards         require(), RequireMixin, metro_coordinator_required: role checks for views"""

from ..roles import Role
from .audit import audit_entries_for, can_read_audit_entry
from .cases import (
    CASE_IDS, acts_for_member, belongs_to_platform, can_change_case, can_manage_case, can_see_case,
    case_reviews_for, case_roles, coordinates, forget_cases, may_use_cases, referral_sides, referrals_for,
)
from .consultations import can_see_consultation, consultation_requests_for, is_assigned_expert, is_requester
from .core import (
    Grants, can_act_for, forget, grants, has_role, is_metro_coordinator, may_enter_admin, may_issue_enrolment_link,
    may_issue_enrolment_links, municipalities_for,
    municipality_ids_for, municipality_of, remember, roles_for, scope, users_acting_for,
)
from .guards import RequireMixin, coordinator_required, is_coordinator, metro_coordinator_required, require
from .organisations import (
    can_edit_organisation, can_manage_organisation_editors, choosable_organisations, granted_organisation_ids,
    organisations_for,
)
from .pages import (
    can_read_members_only, choosable_pages, may_withdraw_from_review, members_only_groups, municipality_of_page,
    own_page_roots,
)
from .registry import RuleNotRegistered, ask, is_registered, register_rule, register_rules, rule

__all__ = [
    "Role", "Grants", "grants", "forget", "remember", "is_metro_coordinator", "may_enter_admin", "has_role",
    "may_issue_enrolment_link", "may_issue_enrolment_links",
    "roles_for", "municipalities_for", "municipality_ids_for", "users_acting_for", "can_act_for", "scope", "municipality_of",
    "municipality_of_page", "may_withdraw_from_review", "own_page_roots", "choosable_pages",
    "members_only_groups", "can_read_members_only",
    "organisations_for", "granted_organisation_ids", "choosable_organisations", "can_edit_organisation",
    "can_manage_organisation_editors",
    "consultation_requests_for", "is_assigned_expert", "is_requester", "can_see_consultation",
    "CASE_IDS", "case_roles", "coordinates", "belongs_to_platform", "may_use_cases", "forget_cases",
    "case_reviews_for", "can_see_case", "can_change_case", "can_manage_case", "acts_for_member",
    "referrals_for", "referral_sides",
    "RuleNotRegistered", "register_rule", "register_rules", "is_registered", "rule", "ask",
    "audit_entries_for", "can_read_audit_entry",
    "require", "RequireMixin", "is_coordinator", "metro_coordinator_required", "coordinator_required",
]
