from django.db import models
from django.utils.translation import gettext_lazy as _

from .codes import validate_local_government_code


class Municipality(models.Model):
    """A Tokyo municipality (区市町村): the tenant. Its space is a page subtree, a collection and
    two groups, all created by `manage.py bootstrap_tokyo`."""

    class Kind(models.TextChoices):
        WARD = "ward", _("Special ward")
        CITY = "city", _("City")
        TOWN = "town", _("Town")
        VILLAGE = "village", _("Village")

    class Area(models.TextChoices):
        WARDS = "区部", _("Ward area (区部)")
        TAMA = "多摩", _("Tama area (多摩)")
        ISLANDS = "島しょ", _("Islands (島しょ)")

    code = models.CharField(
        _("local government code"),
        max_length=6,
        unique=True,
        validators=[validate_local_government_code],
        help_text=_("6 digits including the check digit, e.g. 131041 for Shinjuku."),
    )
    name = models.CharField(_("name"), max_length=20, unique=True)
    name_kana = models.CharField(_("name (kana)"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=40)
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    area = models.CharField(_("area"), max_length=10, choices=Area.choices)

    root_page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("root page"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", verbose_name=_("collection"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    coordinators_group = models.OneToOneField(
        "auth.Group", verbose_name=_("coordinators group"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="coordinated_municipality", editable=False,
    )
    members_group = models.OneToOneField(
        "auth.Group", verbose_name=_("platform members group"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="member_municipality", editable=False,
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


from .audit_log import AuditEntry  # noqa: E402  (registered with the app through this module)
