"""The access matrix's rules: for every URL pattern of the site, who may open it.

Keyed by the full route (names repeat; routes do not). A pattern without a rule fails
`test_every_url_has_a_rule`, so a new view cannot land without a decision about who may use it.
The roles (access_world.ROLES) ask about objects of 新宿区, of the demo partner group and of the
demo lawyer:

    public        not signed in
    admin         system administrator (superuser): everything except case records
    tokyo         metropolitan coordinator: every municipality, the pipeline, never case records
    shinjuku      the objects' own municipal coordinator
    bunkyo        another municipality's coordinator
    member        新宿区 platform member, named on the demo cases
    unnamed_member  新宿区 platform member not named on them
    bunkyo_member   文京区 platform member, staff of the member receiving the case's referral
    partner       editor of the object organisation; other_partner edits another one
    expert        professional assigned the object consultation; other_expert is another one

Route parameters come from access_args.default_args unless a rule gives `args`."""

from .access_args import default_args
from .access_matrix import Rule
from .access_world import ROLES

ALL = frozenset(ROLES)
STAFF = ALL - {"public"}
NOBODY = frozenset()
ADMIN = frozenset({"admin"})
METRO = frozenset({"admin", "tokyo"})
OWN = METRO | {"shinjuku"}  # a 新宿区 object's keepers
COORDINATORS = OWN | {"bunkyo"}  # anyone with a municipal space (their own objects only)
PARTNERS = frozenset({"partner", "other_partner"})
MEDIA = COORDINATORS | PARTNERS  # image/document permissions on a collection of their own
PROFILE = METRO | {"partner"}  # the demo partner group's profile
CONSULTATION = METRO | {"partner", "expert"}  # the requesting group, the assigned expert, Tokyo
CASE = frozenset({"shinjuku", "member"})  # own coordinator and the named participant: never Tokyo
PLATFORM = frozenset({"shinjuku", "bunkyo", "member", "unnamed_member", "bunkyo_member"})  # case screens open
MEMBERS_ONLY = METRO | {"shinjuku", "member", "unnamed_member"}  # 新宿区's members-only material
SIGNED_IN = STAFF  # views for anyone signed in (their own account, modals without data)

RULES = {}


def add(route, allow, **kwargs):
    if route in RULES:
        raise ValueError(f"two rules for {route}")
    args = default_args(route)
    args.update(kwargs.pop("args", {}))
    RULES[route] = Rule(allow=frozenset(allow), args=args, sees=frozenset(kwargs.pop("sees", ())), **kwargs)


def post(route, allow, **kwargs):
    """A view that only takes POST: asked with an empty form."""
    kwargs.setdefault("ok", (400,))
    add(route, allow, method="post", **kwargs)


# The rules themselves, by part of the site (each module adds to RULES when imported).
from . import access_rules_admin, access_rules_views  # noqa: E402, F401
