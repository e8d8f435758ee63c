"""Pages and members-only material: which municipality a page belongs to, which pages a user may
choose or withdraw from review, and which groups read a municipality's members-only material."""

from django.db.models import Q, QuerySet

from ..models import Municipality
from ..roles import GLOBAL_GROUP_NAMES, Role
from .core import can_act_for, grants, is_metro_coordinator, municipalities_for


def municipality_of_page(page):
    """The municipality whose subtree holds `page`, or None for portal (Tokyo-wide) pages."""
    path_prefixes = [page.path[:i] for i in range(0, len(page.path) + 1, 4) if i]
    return (
        Municipality.objects.filter(root_page__path__in=path_prefixes)
        .order_by("-root_page__depth").first()
    )


def may_withdraw_from_review(user, page) -> bool:
    """A municipality's pages are kept by all of its coordinators together: any of them who may
    edit a page may withdraw it from review (Wagtail itself lets only the submitter, the page's
    owner and the reviewers), to change it and submit it again. Withdrawing publishes nothing."""
    municipality = municipality_of_page(page)
    return (municipality is not None and municipality.pk in grants(user).coordinator_of
            and page.permissions_for_user(user).can_edit())


def own_page_roots(user):
    """Root pages of the municipal subtrees the user coordinates (all of them for Tokyo)."""
    from wagtail.models import Page

    ids = municipalities_for(user).exclude(root_page=None).values("root_page_id")
    return Page.objects.filter(id__in=ids)


def choosable_pages(user, pages: QuerySet) -> QuerySet:
    """Pages a user may see in the page chooser (for links): everything in the subtrees they
    coordinate, plus pages anyone can already read on the public site. Other tenants' drafts,
    unpublished pages and pages with pending changes (whose admin title would reveal the draft)
    are left out. Only search-filterable fields (path, live, id) are used, because the chooser's
    search runs this filter through the search backend."""
    from wagtail.models import Page

    if is_metro_coordinator(user):
        return pages
    own = Q()
    for path in own_page_roots(user).values_list("path", flat=True):
        own |= Q(path__startswith=path)
    pending = Page.objects.filter(has_unpublished_changes=True, live=True)
    if own:
        pending = pending.exclude(own)
    pending_ids = list(pending.values_list("id", flat=True))
    visible = (own | Q(live=True)) if own else Q(live=True)
    return pages.filter(visible).exclude(id__in=pending_ids + _restricted_page_ids(own))


def _restricted_page_ids(own: Q) -> list:
    """Live pages behind a view restriction (members-only meetings and anything below them)
    outside the user's own subtrees: their titles are not for other tenants' choosers."""
    from wagtail.models import Page, PageViewRestriction

    paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    if not paths:
        return []
    below = Q()
    for path in paths:
        below |= Q(path__startswith=path)
    restricted = Page.objects.filter(below)
    if own:
        restricted = restricted.exclude(own)
    return list(restricted.values_list("id", flat=True))


# Members-only material of a municipality (council pages, meetings, documents) is read by its
# platform members and its coordinators; the metropolitan coordinators see everything except
# case-review contents, so council material too. Wagtail enforces it through page and collection
# view restrictions on exactly these groups (network.models.moderation applies them).
def members_only_groups(municipality) -> list:
    from django.contrib.auth.models import Group

    metro = Group.objects.filter(name=GLOBAL_GROUP_NAMES[Role.METRO_COORDINATOR]).first()
    groups = [municipality.members_group, municipality.coordinators_group, metro]
    return [group for group in groups if group is not None]


def can_read_members_only(user, municipality) -> bool:
    if municipality is None:
        return is_metro_coordinator(user)
    return can_act_for(user, municipality, Role.PLATFORM_MEMBER)
