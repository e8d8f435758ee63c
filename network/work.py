"""What the support network puts on a coordinator's or editor's list of the day's work
(tenants.work_list): windows not confirmed this fiscal year, meetings waiting for review, case
reviews due, platform members joining or leaving, profiles to review or confirm, and for the
metropolitan coordinator the readiness of the 62 municipalities. Every count is scoped through
tenants.access; a user with no part in a row gets no row."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants import access
from tenants.jpdates import fiscal_year, fiscal_year_start, japanese_date
from tenants.models import Municipality
from tenants.work_list import WorkItem, edited_organisations

from .models import CaseReview, ConsultationWindow, MeetingPage, Organisation, PlatformMembership

RECENT_DAYS = 30  # members who joined or left within this many days
CASE_DUE_DAYS = 7  # case reviews whose next review falls within this many days (or is past)
IN_REVIEW = "in_progress"  # WorkflowState.STATUS_IN_PROGRESS


def coordinated_ids(user):
    """The municipalities a municipal coordinator works for; none for the metropolitan
    coordinator, whose list is Tokyo-wide."""
    if access.is_metro_coordinator(user):
        return frozenset()
    return access.municipality_ids_for(user) or frozenset()


def windows_to_confirm(ids, today):
    since = fiscal_year_start(fiscal_year(today))
    return ConsultationWindow.objects.filter(municipality_id__in=ids).filter(
        Q(last_published_at__isnull=True) | Q(last_published_at__lt=since))


def meetings_in_review(ids=None):
    meetings = MeetingPage.objects.filter(_specific_workflow_states__status=IN_REVIEW)  # specific: see Page
    if ids is not None:
        roots = Municipality.objects.filter(pk__in=ids, root_page__isnull=False).select_related("root_page")
        tree = Q(pk__in=[])
        for municipality in roots:
            tree |= Q(path__startswith=municipality.root_page.path)
        meetings = meetings.filter(tree)
    return meetings.distinct()


def cases_due(user, today):
    return access.case_reviews_for(user).filter(
        status=CaseReview.Status.OPEN, next_review_on__lte=today + datetime.timedelta(days=CASE_DUE_DAYS))


def members_changing(ids, today):
    since = today - datetime.timedelta(days=RECENT_DAYS)
    return PlatformMembership.objects.filter(municipality_id__in=ids).filter(
        Q(joined_on__gte=since, joined_on__lte=today) | Q(left_on__gte=since))


def coordinator_items(user):
    ids = coordinated_ids(user)
    if not ids:
        return []
    today = timezone.localdate()
    windows = windows_to_confirm(ids, today).count()
    members = list(members_changing(ids, today).select_related("organisation").order_by("-joined_on")[:5])
    cases = cases_due(user, today).count() if access.may_use_cases(user) else None
    items = [
        WorkItem(_("Consultation windows not confirmed this fiscal year"), windows,
                 reverse("wagtailsnippets_network_consultationwindow:list"), order=10),
        WorkItem(_("Meetings waiting for review"), meetings_in_review(ids).count(), order=40),
        WorkItem(_("Platform members joining or leaving (last 30 days)"), members_changing(ids, today).count(),
                 reverse("platform_members:index"), details=[_member_line(m) for m in members],
                 order=60, attention=False),
    ]
    if cases is not None:
        items.append(WorkItem(_("Case reviews due within 7 days"), cases, reverse("case_list"), order=50))
    return items


def _member_line(membership):
    if membership.left_on:
        return _("%(name)s leaves on %(day)s") % {"name": membership.display_name,
                                                  "day": japanese_date(membership.left_on, weekday=False)}
    return _("%(name)s joined on %(day)s") % {"name": membership.display_name,
                                              "day": japanese_date(membership.joined_on, weekday=False)}


def editor_items(user):
    organisations = edited_organisations(user)
    if organisations is None:
        return []
    since = fiscal_year_start(fiscal_year(timezone.localdate()))
    unconfirmed = organisations.filter(live=True).filter(Q(confirmed_at__isnull=True) | Q(confirmed_at__lt=since))
    in_review = organisations.filter(_workflow_states__status=IN_REVIEW).distinct()
    return [
        WorkItem(_("Profiles to confirm for this fiscal year"), unconfirmed.count(),
                 reverse("wagtailsnippets_network_organisation:list"), order=10),
        WorkItem(_("Profile changes waiting for the Support Net's review"), in_review.count(),
                 order=15, attention=False),
    ]


def readiness_lines():
    """How many of the 62 municipalities have each part of their space in place."""
    total = Municipality.objects.count()
    with_windows = Municipality.objects.filter(consultation_windows__live=True).distinct().count()
    with_members = Municipality.objects.filter(platform_memberships__left_on__isnull=True).distinct().count()
    roots = dict(Municipality.objects.filter(root_page__isnull=False).values_list("root_page__path", "pk"))
    depths = {len(path) for path in roots}
    with_council = len({roots[path[:n]] for path in MeetingPage.objects.live().values_list("path", flat=True)
                        for n in depths if path[:n] in roots})
    return total, [
        _("Published consultation windows: %(n)s of %(total)s") % {"n": with_windows, "total": total},
        _("Platform members registered: %(n)s of %(total)s") % {"n": with_members, "total": total},
        _("Council meetings published: %(n)s of %(total)s") % {"n": with_council, "total": total},
    ]


def metro_items(user):
    if not access.is_metro_coordinator(user):
        return []
    total, lines = readiness_lines()
    return [
        WorkItem(_("Profile changes to review"), Organisation.objects.filter(
            _workflow_states__status=IN_REVIEW).distinct().count(),
                 reverse("wagtailsnippets_network_organisation:list"), order=20),
        WorkItem(_("Council meetings to review"), meetings_in_review().count(), order=25),
        WorkItem(_("Municipalities in the network"), total, reverse("wagtailsnippets_tenants_municipality:list"),
                 details=lines, order=90, attention=False),
    ]


def items_for(user):
    return [*coordinator_items(user), *editor_items(user), *metro_items(user)]
