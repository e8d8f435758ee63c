"""A municipality's platform (プラットフォーム): its member organisations (構成団体)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.scoping import scoped_manager


class PlatformMembership(models.Model):
    class Role(models.TextChoices):
        DEPARTMENT = "department", _("Municipal department (庁内部署)")
        AGENCY = "agency", _("Related agency (関係機関)")
        SWC = "swc", _("Social welfare council (社会福祉協議会)")
        PRIVATE = "private", _("Private support group (民間支援団体)")
        FAMILY = "family", _("Family association (家族会)")
        PEER = "peer", _("Peer group (当事者団体)")
        EXPERT = "expert", _("Academic expert (学識経験者)")
        OTHER = "other", pgettext_lazy("membership", "Other")

    municipality = models.ForeignKey("tenants.Municipality", verbose_name=_("municipality"),
                                     on_delete=models.CASCADE, related_name="platform_memberships")
    organisation = models.ForeignKey("network.Organisation", verbose_name=_("organisation"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="platform_memberships",
                                     help_text=_("Choose from the directory, or leave empty and give a name."))
    name = models.CharField(_("member name"), max_length=150, blank=True,
                            help_text=_("For members not in the directory, e.g. 福祉課, 保健所."))
    role = models.CharField(_("role in the platform"), max_length=20, choices=Role.choices)
    contact_person = models.CharField(_("contact person"), max_length=100, blank=True,
                                      help_text=_("Never shown publicly."))
    contact_email = models.EmailField(_("contact email"), blank=True, help_text=_("Never shown publicly."))
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("staff accounts"), blank=True,
                                   related_name="platform_memberships",
                                   help_text=_("Platform-member accounts who act for this member: they receive "
                                               "its referrals and may be named in case reviews."))
    listed_publicly = models.BooleanField(_("listed publicly"), default=False,
                                          help_text=_("The member agrees to appear on the public member list."))

    objects = scoped_manager()

    class Meta:
        ordering = ["role", "name", "pk"]
        verbose_name = _("platform member")
        verbose_name_plural = _("platform members")
        constraints = [
            models.CheckConstraint(condition=Q(organisation__isnull=False) | ~Q(name=""),
                                   name="membership_names_its_member"),
            models.CheckConstraint(condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                                   name="membership_leaves_after_joining"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.organisation.name if self.organisation_id else self.name


def current_members(municipality, today=None):
    """Members on `today` of one municipality's platform, or of every platform (None)."""
    today = today or timezone.localdate()
    members = PlatformMembership.objects.filter(joined_on__lte=today).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=today))
    return members if municipality is None else members.filter(municipality=municipality)


def public_members(municipality, today=None):
    """What the public member list shows: current members who agreed to be listed; the
    organisation's published name only (a draft name never shows)."""
    return (current_members(municipality, today).filter(listed_publicly=True)
            .filter(Q(organisation__isnull=True) | Q(organisation__live=True))
            .select_related("organisation").order_by("role", "pk"))
