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


class EnrolmentLink(models.Model):
    """A single-use link to register a user's first authenticator (tenants.second_factor_services).
    Issued by an administrator or a metropolitan coordinator and emailed to the user, so knowing a
    password is not enough to set up the second factor. The emailed URL carries this row's id
    signed with the secret key; the row decides whether it may still be used."""

    user = models.ForeignKey("auth.User", verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="enrolment_links")
    issued_by = models.ForeignKey("auth.User", verbose_name=_("issued by"), null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_at = models.DateTimeField(_("issued at"))
    expires_at = models.DateTimeField(_("expires at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("two-factor enrolment link")
        verbose_name_plural = _("two-factor enrolment links")

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"


from .audit_log import AuditEntry  # noqa: E402  (registered with the app through this module)
