"""The day's work on the admin home (「今日の仕事」): one panel in place of Wagtail's site summary
("10ページ, 0件の画像"). Each room contributes the rows it knows about through the
`register_work_items` hook: a function of the user that answers WorkItems for what that user
must do, scoped by tenants.access, and nothing when the user has no part in it. The panel only
lays them out; it decides nothing about who sees what."""

from dataclasses import dataclass, field

from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import access

HOOK = "register_work_items"


@dataclass
class WorkItem:
    label: str
    count: int
    url: str = ""
    details: list = field(default_factory=list)  # a few short lines, e.g. an event with its seats
    order: int = 100
    attention: bool = True  # a count above zero asks for action (shown highlighted)

    @property
    def needs_action(self):
        return self.attention and self.count > 0


def edited_organisations(user):
    """The organisations a partner-group editor works for, or None: the rows about a group's
    own profile, bookings and requests are not the metropolitan coordinator's, who sees all."""
    if access.is_metro_coordinator(user):
        return None
    organisations = access.organisations_for(user)
    return organisations if organisations.exists() else None


def work_items(user):
    items = []
    for contribute in hooks.get_hooks(HOOK):
        items.extend(contribute(user) or [])
    return sorted(items, key=lambda item: (item.order, item.label))


class WorkListPanel(Component):
    name = "work_list"
    order = 10  # above Wagtail's own panels (moderation 100+, recent edits 250)
    template_name = "tenants/admin/work_list_panel.html"

    class Media:
        css = {"all": ["tenants/work_list.css"]}

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context=None):
        return {"items": self.items}


def add_work_list_panel(request, panels):
    items = work_items(request.user)
    if items:
        panels.append(WorkListPanel(items))


def hide_site_summary(request, summary_items):
    """Page and image totals say nothing about the day's work."""
    summary_items.clear()
