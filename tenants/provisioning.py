"""Create (idempotently) the groups, collection and permissions that make up a municipal space.

Called by `manage.py bootstrap_tokyo`; running it again changes nothing. The page subtree itself
is created by the caller (cms owns the page types), which passes its root page here."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission, GroupPagePermission

from .roles import GLOBAL_GROUP_NAMES, Role, municipal_group_name

# Editors of a municipal space may create, edit, publish and lock pages in their subtree;
# bulk deletion (a page with its children) stays with the metropolitan coordinators.
MUNICIPAL_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
METRO_PAGE_PERMISSIONS = MUNICIPAL_PAGE_PERMISSIONS + ("bulk_delete_page",)
MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"), ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
COORDINATOR_MODEL_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("tenants", "view_municipality"),
    ("tenants", "change_municipality"),
)
MEMBER_MODEL_PERMISSIONS = (("wagtailadmin", "access_admin"),)
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")
GLOBAL_MODEL_PERMISSIONS = {
    Role.METRO_COORDINATOR: None,  # metro_permissions(), resolved at provisioning time
    Role.PARTNER_EDITOR: (("wagtailadmin", "access_admin"),),
    Role.PROFESSIONAL: (("wagtailadmin", "access_admin"),),
}


# Apps add the model permissions their roles need (from AppConfig.ready), so this module never
# imports them; bootstrap_tokyo grants whatever is registered. What municipal coordinators get,
# metropolitan coordinators get too (policies then scope it to municipalities).
_registered = {Role.MUNICIPAL_COORDINATOR: [], Role.METRO_COORDINATOR: []}


def register_role_permissions(role, *pairs):
    for pair in pairs:
        if pair not in _registered[role]:
            _registered[role].append(pair)


def register_coordinator_permissions(*pairs):
    register_role_permissions(Role.MUNICIPAL_COORDINATOR, *pairs)


def coordinator_permissions():
    return COORDINATOR_MODEL_PERMISSIONS + tuple(_registered[Role.MUNICIPAL_COORDINATOR])


def metro_permissions():
    return coordinator_permissions() + tuple(_registered[Role.METRO_COORDINATOR])


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant_model_permissions(group, pairs):
    group.permissions.add(*[_permission(app, codename) for app, codename in pairs])


def _grant_page_permissions(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission("wagtailcore", codename)
        )


def _grant_collection_permissions(group, collection):
    for app, codename in MEDIA_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(app, codename)
        )


def _ensure_collection(name, existing=None):
    if existing is not None:
        return existing
    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=name).first()
    return found or root.add_child(name=name)


@transaction.atomic
def provision_global_groups(portal_root_page):
    """The Tokyo-wide groups; metropolitan coordinators edit the whole portal and all media."""
    groups = {}
    for role, name in GLOBAL_GROUP_NAMES.items():
        group, _ = Group.objects.get_or_create(name=name)
        _grant_model_permissions(group, GLOBAL_MODEL_PERMISSIONS[role] or metro_permissions())
        groups[role] = group
    metro = groups[Role.METRO_COORDINATOR]
    _grant_page_permissions(metro, portal_root_page, METRO_PAGE_PERMISSIONS)
    _grant_collection_permissions(metro, Collection.get_first_root_node())
    _retire_wagtail_default_groups(metro)
    return groups


def _retire_wagtail_default_groups(metro):
    """Wagtail's initial migrations create "Editors" and "Moderators" with rights over the whole
    tree and every collection: one wrong group membership would cross every tenant. Moderation
    belongs to the metropolitan coordinators, so the default approval task moves to them and the
    two groups go, unless someone was deliberately put in them."""
    from wagtail.models import GroupApprovalTask

    for task in GroupApprovalTask.objects.filter(groups__name="Moderators").distinct():
        task.groups.add(metro)
    for name in WAGTAIL_DEFAULT_GROUPS:
        Group.objects.filter(name=name, user__isnull=True).delete()


@transaction.atomic
def provision_municipality(municipality, root_page):
    """Link the municipality to its root page and give it its groups, collection and rights."""
    changed = []
    if municipality.root_page_id != root_page.pk:
        municipality.root_page = root_page
        changed.append("root_page")
    for field, role in (("coordinators_group", Role.MUNICIPAL_COORDINATOR),
                        ("members_group", Role.PLATFORM_MEMBER)):
        if getattr(municipality, f"{field}_id") is None:
            group, _ = Group.objects.get_or_create(name=municipal_group_name(municipality, role))
            setattr(municipality, field, group)
            changed.append(field)
    collection = _ensure_collection(municipality.name, municipality.collection)
    if municipality.collection_id != collection.pk:
        municipality.collection = collection
        changed.append("collection")
    if changed:
        municipality.save(update_fields=changed)

    coordinators = municipality.coordinators_group
    _grant_model_permissions(coordinators, coordinator_permissions())
    # Platform members sign in to the admin for the case reviews they are named on (and nothing
    # else: they hold no page, collection or model permission).
    _grant_model_permissions(municipality.members_group, MEMBER_MODEL_PERMISSIONS)
    _grant_page_permissions(coordinators, root_page, MUNICIPAL_PAGE_PERMISSIONS)
    _grant_collection_permissions(coordinators, collection)
    provision_members_collection(municipality)
    return municipality


MEMBERS_COLLECTION_SUFFIX = "構成員限定"


def members_collection(municipality):
    """The municipality's collection for members-only documents: the child of its collection
    that carries a group view restriction for its platform members (found by that meaning, so a
    renamed collection keeps working)."""
    if municipality.collection_id is None or municipality.members_group_id is None:
        return None
    return (municipality.collection.get_children()
            .filter(view_restrictions__restriction_type=CollectionViewRestriction.GROUPS,
                    view_restrictions__groups=municipality.members_group_id).first())


def provision_members_collection(municipality):
    """A child collection whose documents only the municipality's members, its coordinators and
    the metropolitan coordinators may download (Wagtail's document serve view checks it). The
    coordinators' rights on the parent collection cover it."""
    from . import access

    collection = members_collection(municipality)
    if collection is None:
        collection = municipality.collection.add_child(
            name=f"{municipality.name} {MEMBERS_COLLECTION_SUFFIX}")
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS)
    else:
        restriction = collection.view_restrictions.get(
            restriction_type=CollectionViewRestriction.GROUPS, groups=municipality.members_group_id)
    restriction.groups.add(*access.members_only_groups(municipality))
    return collection
