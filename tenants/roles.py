"""The roles of DESIGN.md and the Django groups that carry them.

Global roles are one group each; municipal roles are one group per municipality, linked from
`Municipality.coordinators_group` / `members_group` so a renamed group keeps its meaning."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    METRO_COORDINATOR = "metro_coordinator"
    MUNICIPAL_COORDINATOR = "municipal_coordinator"
    PLATFORM_MEMBER = "platform_member"
    PARTNER_EDITOR = "partner_editor"
    PROFESSIONAL = "professional"

    @property
    def label(self):
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.METRO_COORDINATOR: _("Metropolitan coordinator"),
    Role.MUNICIPAL_COORDINATOR: _("Municipal coordinator"),
    Role.PLATFORM_MEMBER: _("Platform member"),
    Role.PARTNER_EDITOR: _("Partner-group editor"),
    Role.PROFESSIONAL: _("Expert-bank professional"),
}

# Group names are Japanese because coordinators read them in the admin; the code never
# matches municipal groups by name (see Municipality.coordinators_group).
GLOBAL_GROUP_NAMES = {
    Role.METRO_COORDINATOR: "都コーディネーター",
    Role.PARTNER_EDITOR: "連携団体・民間支援団体の担当者",
    Role.PROFESSIONAL: "専門職人材バンクの専門家",
}
MUNICIPAL_ROLES = (Role.MUNICIPAL_COORDINATOR, Role.PLATFORM_MEMBER)


def municipal_group_name(municipality, role: Role) -> str:
    suffix = {Role.MUNICIPAL_COORDINATOR: "コーディネーター",
              Role.PLATFORM_MEMBER: "プラットフォーム構成員"}[role]
    return f"{municipality.name} {suffix}"
