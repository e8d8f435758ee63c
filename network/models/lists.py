from django.db import models
from django.utils.translation import gettext_lazy as _


class SeededList(models.Model):
    """A short fixed list seeded by a data migration (consultation methods, support types),
    referred to by its stable code in URLs and CSV."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=30)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order"]

    def __str__(self):
        return self.name
