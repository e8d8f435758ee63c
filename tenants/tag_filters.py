"""The documents and images listings' tag filter and the image chooser's popular tags show only
tags on objects the user may see (tenants.access.tags).

Wagtail builds both from `popular_tags_for_model(model)`, which counts every object of the model:
another municipality's tags, members-only documents' included, appear as filter choices. The
filter set and the chooser know the request, so their choices are recomputed for its user."""

from wagtail.admin.filters import BaseMediaFilterSet
from wagtail.images.views.chooser import ImageChooseViewMixin

from .access.tags import popular_visible_tags

# Replaces wagtail.admin.filters.BaseMediaFilterSet.__init__ and
# wagtail.images.views.chooser.ImageChooseViewMixin.get_context_data (upgrade canary:
# tests/tenants/test_wagtail_patches.py).
_wagtail_filterset_init = BaseMediaFilterSet.__init__
_wagtail_chooser_context = ImageChooseViewMixin.get_context_data


def _filterset_init(self, data=None, queryset=None, *, request=None, **kwargs):
    _wagtail_filterset_init(self, data, queryset, request=request, **kwargs)
    tag_filter = self.filters.get("tag")
    if tag_filter is None:  # no tags on this model at all
        return
    tags = popular_visible_tags(request.user, self._meta.model)
    if tags:
        tag_filter.extra["choices"] = [(tag.name, tag.name) for tag in tags]
    else:
        del self.filters["tag"]


def _chooser_context(self, **kwargs):
    context = _wagtail_chooser_context(self, **kwargs)
    context["popular_tags"] = popular_visible_tags(self.request.user, self.model)
    return context


def show_only_visible_tags():
    """Called once from TenantsConfig.ready()."""
    BaseMediaFilterSet.__init__ = _filterset_init
    ImageChooseViewMixin.get_context_data = _chooser_context
