"""How the admin shows a value to staff who read Japanese: はい/いいえ for a yes-or-no field, a
dash for nothing, and no Wagtail bookkeeping (revisions, locks, collections, editor groups) on an
inspect page. Wagtail prints Python's True/False/None and every concrete field there."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView, InspectView

NOTHING = "—"
# Wagtail's and our own bookkeeping: what a coordinator or a group's editor has no use for.
BOOKKEEPING = frozenset({
    "id", "latest_revision", "live_revision", "locked", "locked_at", "locked_by", "has_unpublished_changes",
    "first_published_at", "last_published_at", "go_live_at", "expire_at", "expired", "collection",
    "editors_group", "search_text", "translation_key", "locale",
})
IMPORT_NOTES = frozenset({"source"})  # where an import took a row from, when staff cannot edit it


def shown(value):
    """True → はい, False → いいえ, None or "" → —; anything else as it is."""
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if value is None or value == "":
        return NOTHING
    return value


def _bookkeeping(model, name):
    if name in BOOKKEEPING:
        return True
    if name in IMPORT_NOTES:
        try:
            return not model._meta.get_field(name).editable
        except FieldDoesNotExist:  # a property, not a field: shown
            return False
    return False


class ShownColumn(Column):
    def get_value(self, instance):
        return shown(super().get_value(instance))


class ShownIndexMixin:
    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        if column_class is Column:
            column_class = ShownColumn
        return super()._get_custom_column(field_name, column_class, **kwargs)


class ShownInspectMixin:
    def get_fields(self):
        return [name for name in super().get_fields() if not _bookkeeping(self.model, name)]

    def get_field_display_value(self, field_name, field):
        if getattr(field, "concrete", False) and getattr(self.object, field.attname, None) is None:
            return NOTHING  # before Wagtail wraps it: its date and image displays print "None"
        return shown(super().get_field_display_value(field_name, field))


def shown_values(view_class):
    """`view_class`, showing values as staff read them if it lists or inspects objects."""
    for base, mixin in ((IndexView, ShownIndexMixin), (InspectView, ShownInspectMixin)):
        if issubclass(view_class, base) and not issubclass(view_class, mixin):
            return type(view_class.__name__, (mixin, view_class), {"__module__": view_class.__module__})
    return view_class


class ShownValuesViewSetMixin:
    """For every admin viewset: its list and inspect views say はい/いいえ and hide bookkeeping."""

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(shown_values(view_class), **kwargs)
