"""What council and meeting pages share: moderation (only the workflow's approvers publish) and
the members-only flag. A page marked members-only carries a Wagtail page view restriction for the
municipality's members; lists show a visitor only the pages they could open (readable_by), and
its documents must come from the members-only collection (whose own restriction
tenants.provisioning sets up)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageManager, PagePermissionTester, PageViewRestriction
from wagtail.query import PageQuerySet

from tenants import access, scoping
from tenants.provisioning import members_collection


class ModeratedPermissionTester(PagePermissionTester):
    """Municipal coordinators hold publish_page on their subtree (news, guide pages), and
    Wagtail lets anyone with it publish past a workflow. Council material is published only by
    approving it in the workflow, so direct publishing is left to the approvers: the metropolitan
    coordinators, and whoever the page's workflow names as approver (Wagtail publishes an approved
    revision as the approving user and asks this tester). Unpublishing stays with the
    coordinators: taking material down is always safe."""

    def _approver(self):
        if access.is_metro_coordinator(self.user):
            return True
        if not self.user.is_active:
            return False
        workflow = self.page.get_workflow()
        if workflow is None:
            return False
        from wagtail.models import GroupApprovalTask

        return GroupApprovalTask.objects.filter(
            workflow_tasks__workflow=workflow, active=True,
            groups__in=self.user.groups.values("pk")).exists()

    def can_publish(self):
        if getattr(self.page, "moderated", True) and not self._approver():
            return False
        return super().can_publish()

    def can_publish_subpage(self):
        return self._approver() and super().can_publish_subpage()

    def can_set_view_restrictions(self):
        # Coordinators mark material members-only with the page's own field.
        return self._approver() and super().can_set_view_restrictions()


class ModeratedPage(Page):
    moderated = True

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return ModeratedPermissionTester(user, self)

    @cached_property
    def municipality(self):
        return access.municipality_of_page(self) if self.path else None

    def serve(self, request, *args, **kwargs):
        """A council page (and its preview) reads its own municipality's rows only, e.g. the
        council's platform members (tenants/scoping.py)."""
        with scoping.scope([self.municipality] if self.municipality else []):
            return scoping.rendered(super().serve(request, *args, **kwargs))


class MembersOnlyPageQuerySet(PageQuerySet):
    def readable_by(self, request):
        """The pages the request may open, in order, as a list: public ones for everyone,
        members-only ones for those Wagtail's view restriction lets in (the same check as serving
        the page)."""
        pages = list(self)
        if not pages:
            return []
        public_ids = set(self.model.objects.filter(pk__in=[page.pk for page in pages]).public()
                         .values_list("pk", flat=True))
        return [page for page in pages if page.pk in public_ids
                or all(restriction.accept_request(request) for restriction in page.get_view_restrictions())]


TOKYO_IS_PUBLIC = _("The Support Net's own councils and meetings are public: members-only material belongs "
                    "to a municipality's platform.")


class MembersOnlyPage(ModeratedPage):
    members_only = models.BooleanField(
        _("members only"), default=False,
        help_text=_("Only this municipality's platform members and coordinators can open it. "
                    "Its documents must be in the members-only collection."))

    objects = PageManager.from_queryset(MembersOnlyPageQuerySet)()

    class Meta:
        abstract = True

    def clean(self):
        """Outside a municipality there is no members group for the restriction, so a page
        marked members-only there would be public: refuse it."""
        super().clean()
        if self.members_only and self.path and access.municipality_of_page(self) is None:
            raise ValidationError({"members_only": TOKYO_IS_PUBLIC})

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        # The restriction follows the page row, which holds the published version once live
        # (a draft of a live page is only a revision until it is approved).
        if update_fields is None or "members_only" in update_fields:
            self.apply_members_restriction()
        return result

    def _members_restrictions(self, groups):
        """The page's group restrictions that are exactly the members-only one (a restriction set
        by hand through Wagtail's privacy control is left alone)."""
        wanted = {group.pk for group in groups}
        return [restriction for restriction in
                PageViewRestriction.objects.filter(page=self, restriction_type=PageViewRestriction.GROUPS)
                if set(restriction.groups.values_list("pk", flat=True)) == wanted]

    def apply_members_restriction(self):
        """Put the members-only view restriction on the page when its box is ticked, take it off
        when it is not. Who is let in is decided once, in tenants.access.members_only_groups;
        Wagtail's serve views then enforce it."""
        municipality = access.municipality_of_page(self)
        if municipality is None:
            return
        groups = access.members_only_groups(municipality)
        existing = self._members_restrictions(groups)
        if self.members_only and not existing:
            restriction = PageViewRestriction.objects.create(page=self, restriction_type=PageViewRestriction.GROUPS)
            restriction.groups.set(groups)
        elif not self.members_only:
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
