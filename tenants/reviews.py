"""Withdrawing a page from review: Wagtail's "cancel workflow" for a municipality's coordinators.

While a page waits on a group approval task, Wagtail locks it for everyone outside the task's
groups ("only reviewers for this task can edit") and lets only the user who submitted it, the
page's owner and the reviewers cancel the workflow (WorkflowState.user_can_cancel). Another
coordinator of the same municipality, who may edit the page otherwise, then has no way to take
it back to add what was forgotten. Here `tenants.access.may_withdraw_from_review` is asked as
well. Wagtail's action menu (the footer button) and its edit view (the POST) both ask
user_can_cancel, so both follow. The lock itself stays, so what the reviewers approve is what
was submitted; withdrawing publishes nothing, and approving stays with the reviewers."""

from wagtail.models import Page, WorkflowState

from . import access

# Replaces wagtail.models.WorkflowState.user_can_cancel (upgrade canary:
# tests/tenants/test_wagtail_patches.py).
_wagtail_user_can_cancel = WorkflowState.user_can_cancel


def _municipality_may_withdraw(self, user):
    if _wagtail_user_can_cancel(self, user):
        return True
    page = self.content_object
    if not isinstance(page, Page):
        return False
    if page.locked and page.locked_by_id != user.pk:  # as in Wagtail: someone's own lock comes first
        return False
    return access.may_withdraw_from_review(user, page)


def let_coordinators_withdraw_reviews():
    """Called once from TenantsConfig.ready()."""
    WorkflowState.user_can_cancel = _municipality_may_withdraw
