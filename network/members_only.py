"""Members-only council material: the page view restriction a council or meeting carries when
its members_only box is ticked, and the rule that its documents come from the members-only
collection (whose own restriction tenants.provisioning sets up). Who is let in is decided once,
in tenants.access.members_only_groups; Wagtail's serve views then enforce it."""

from wagtail.models import PageViewRestriction

from tenants import access
from tenants.provisioning import members_collection


def _restrictions_of(page, groups):
    """The page's group restrictions that are exactly the members-only one (a restriction set
    by hand through Wagtail's privacy control is left alone)."""
    wanted = {group.pk for group in groups}
    return [restriction for restriction in
            PageViewRestriction.objects.filter(page=page, restriction_type=PageViewRestriction.GROUPS)
            if set(restriction.groups.values_list("pk", flat=True)) == wanted]


def apply_restriction(page):
    municipality = access.municipality_of_page(page)
    if municipality is None:
        return
    groups = access.members_only_groups(municipality)
    existing = _restrictions_of(page, groups)
    if page.members_only and not existing:
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.set(groups)
    elif not page.members_only:
        for restriction in existing:
            restriction.delete()


def documents_outside_members_collection(documents, municipality):
    """Titles of the attached documents anyone could download (not in the members-only
    collection or below it)."""
    collection = members_collection(municipality)
    exposed = []
    for block in documents or []:
        document = block.value.get("document")
        if document is None:
            continue
        inside = collection is not None and (
            document.collection_id == collection.pk
            or document.collection.is_descendant_of(collection))
        if not inside:
            exposed.append(document.title)
    return exposed
