"""Which tags a user may be shown: only tags on objects the user may see.

Wagtail's tags (django-taggit) are one global table shared by documents, images and any other
taggable model, so its tag autocomplete and the listings' "popular tags" filter would name
another municipality's tags, members-only material's included. Here every taggable model is asked
through its registered permission policy (pages through the page chooser's rule); a model with no
registered policy shows no tags (fail closed)."""

from django.apps import apps
from django.db.models import Count, Q
from taggit.managers import TaggableManager

from .pages import choosable_pages

SEEN = ["add", "change", "delete", "choose", "view"]


def tag_fields(model):
    return [f for f in model._meta.get_fields() if isinstance(f, TaggableManager)]


def visible_objects(user, model):
    """The objects of `model` the user may see in the admin."""
    from wagtail.models import Page
    from wagtail.permissions import policy_registry

    if issubclass(model, Page):
        return choosable_pages(user, model.objects.all())
    policy = policy_registry.get_by_type(model, fallback=False)
    if policy is None:
        return model._default_manager.none()
    try:
        return policy.instances_user_has_any_permission_for(user, SEEN)
    except NotImplementedError:
        return model._default_manager.none()


def visible_tags(user, tag_model):
    """Tags of `tag_model` that are on at least one object the user may see."""
    seen = Q(pk__in=[])
    for model in apps.get_models():
        for field in tag_fields(model):
            if issubclass(field.remote_field.model, tag_model) or issubclass(tag_model, field.remote_field.model):
                seen |= Q(pk__in=visible_objects(user, model).filter(**{f"{field.name}__isnull": False})
                          .values(f"{field.name}__pk"))
    return tag_model.objects.filter(seen)


def popular_visible_tags(user, model, count=10):
    """The `count` tags most used on the objects of `model` the user may see (as Wagtail's
    popular_tags_for_model, which counts every object)."""
    fields = tag_fields(model)
    if not fields:
        return []
    tag_model, name = fields[0].remote_field.model, fields[0].name
    objects = visible_objects(user, model).filter(**{f"{name}__isnull": False}).values("pk")
    return list(tag_model.objects.filter(**{f"{fields[0].related_query_name()}__in": objects})
                .annotate(item_count=Count("pk")).order_by("-item_count", "name")[:count])
