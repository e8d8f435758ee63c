"""Demo content and one demo user per role (README command 1). Idempotent."""

import datetime
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page
from wagtail.users.models import UserProfile

from agreements.demo import load_demo_agreements, load_demo_prospects
from network.demo import (
    load_demo_cases, load_demo_councils, load_demo_organisations, load_demo_tokyo_councils, load_demo_windows,
)
from network.models import Organisation
from network.profiles.services import grant_editor
from tenants import access
from tenants.demo_guard import demo_only
from tenants.models import Municipality
from tenants.roles import GLOBAL_GROUP_NAMES, Role
from training.events.demo import load_demo_events
from training.expertbank.demo import load_demo_experts, load_demo_requests

from .models import HomePage, NewsIndexPage, NewsPage, StandardPage

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "tsunagu-demo-2026"

# (username, family name, given name, role, municipality slug or None, superuser)
DEMO_USERS = [
    ("admin", "管理", "太郎", None, None, True),
    ("tokyo", "都", "花子", Role.METRO_COORDINATOR, None, False),
    ("shinjuku", "新宿", "一郎", Role.MUNICIPAL_COORDINATOR, "shinjuku", False),
    ("bunkyo", "文京", "二葉", Role.MUNICIPAL_COORDINATOR, "bunkyo", False),
    ("shinjuku-member", "大久保", "三郎", Role.PLATFORM_MEMBER, "shinjuku", False),
    ("partner", "連携", "四季", Role.PARTNER_EDITOR, None, False),
    ("expert", "専門", "五月", Role.PROFESSIONAL, None, False),
]


def _blocks(items):
    return [{"type": b["type"], "value": b["value"] if b["type"] == "heading" else f"<p>{b['value']}</p>"}
            for b in items]


def _publish(page):
    page.save_revision().publish()


def _ensure_page(parent, model, slug, **fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = parent.add_child(instance=model(slug=slug, **fields))
    _publish(page)
    return page


def _load_pages(parent, nodes):
    count = 0
    for node in nodes:
        page = _ensure_page(parent, StandardPage, node["slug"], title=node["title"],
                            intro=node.get("intro", ""), body=_blocks(node.get("body", [])))
        count += 1 + _load_pages(page, node.get("children", []))
    return count


def _load_news(home):
    items = json.loads((DATA_DIR / "demo_news.json").read_text(encoding="utf-8"))
    for item in items:
        if item.get("municipality_slug"):
            parent = Municipality.objects.get(slug=item["municipality_slug"]).root_page
        else:
            parent = home
        index = _ensure_page(parent, NewsIndexPage, "news", title="お知らせ")
        _ensure_page(index, NewsPage, item["slug"], title=item["title"], intro=item.get("intro", ""),
                     date=datetime.date.fromisoformat(item["date"]), category=item["category"],
                     body=_blocks(item.get("body", [])))
    return len(items)


@demo_only
def _ensure_user(username, family, given, role, municipality_slug, superuser):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, last_name=family, first_name=given,
                    email=f"{username}@demo.tsunagu.example.jp",
                    is_staff=superuser, is_superuser=superuser)
        user.set_password(DEMO_PASSWORD)
        user.save()
    if role in GLOBAL_GROUP_NAMES:
        user.groups.add(Group.objects.get(name=GLOBAL_GROUP_NAMES[role]))
    elif role is not None:
        municipality = Municipality.objects.get(slug=municipality_slug)
        group = (municipality.coordinators_group if role == Role.MUNICIPAL_COORDINATOR
                 else municipality.members_group)
        user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    if profile.preferred_language != "ja":
        profile.preferred_language = "ja"
        profile.current_time_zone = "Asia/Tokyo"
        profile.save()
    return user


@demo_only
@transaction.atomic
def load_demo():
    """Portal pages from the Support Net sitemap, news, and the demo users. Needs bootstrap."""
    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("Run bootstrap_tokyo first.")
    tree = json.loads((DATA_DIR / "demo_pages.json").read_text(encoding="utf-8"))
    pages = _load_pages(home, tree)
    news = _load_news(home)
    windows = load_demo_windows()
    organisations = load_demo_organisations()
    agreements = load_demo_agreements()
    users = [_ensure_user(*spec) for spec in DEMO_USERS]
    partner = next(u for u in users if u.username == "partner")
    _grant_demo_profile(partner)
    experts = load_demo_experts()
    events = load_demo_events()
    consultation_requests = load_demo_requests(
        partner, Organisation.objects.filter(name=DEMO_PARTNER_ORGANISATION).first(),
        next(u for u in users if u.username == "tokyo"))
    prospects = load_demo_prospects(user=next(u for u in users if u.username == "tokyo"))
    meetings = load_demo_councils(coordinator=next(u for u in users if u.username == "shinjuku"))
    meetings += load_demo_tokyo_councils()
    cases = load_demo_cases(coordinator=next(u for u in users if u.username == "shinjuku"),
                            member=next(u for u in users if u.username == "shinjuku-member"))
    return {"cases": cases, "pages": pages, "news": news, "windows": windows, "organisations": organisations, "agreements": agreements, "prospects": prospects, "users": users,
            "experts": len(experts), "consultation_requests": consultation_requests, "events": events, "meetings": meetings,
            "total_pages": Page.objects.count()}


DEMO_PARTNER_ORGANISATION = "育て上げネット"


def _grant_demo_profile(user):
    """The demo partner-group editor keeps one real partner group's profile."""
    organisation = Organisation.objects.filter(name=DEMO_PARTNER_ORGANISATION).first()
    if organisation is not None and not access.can_edit_organisation(user, organisation):
        grant_editor(organisation, user)


def describe_logins():
    lines = []
    for username, family, given, role, municipality_slug, superuser in DEMO_USERS:
        if superuser:
            what = "システム管理者 (superuser)"
        else:
            what = str(role.label)
            if municipality_slug:
                what = f"{Municipality.objects.get(slug=municipality_slug).name} {what}"
            if role == Role.PARTNER_EDITOR:
                what = f"{what}（{DEMO_PARTNER_ORGANISATION}）"
            if role == Role.PROFESSIONAL:
                what = f"{what}（弁護士）"
        lines.append(f"  {username:<16} {DEMO_PASSWORD}   {what}")
    return lines
