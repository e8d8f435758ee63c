"""Nothing English in the admin our users reach: each demo role walks its own admin from the
dashboard, following links (one or two pages of each kind), and every word a person sees or a
screen reader speaks must be Japanese. Python's True/False/None, Wagtail's name and its hard-coded
"Search" and "Actions" all once showed here."""

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import client_for

# Never a UI word: key and language names, acronyms, file kinds and encodings, and the products
# staff use (the authenticator apps they install, LINE and Excel).
ALLOWED = {
    "JavaScript", "English", "Enter", "Tab", "Esc", "Shift", "Ctrl", "QR", "ID", "URL", "PDF", "CSV",
    "DV", "UTF", "JIS", "LINE", "Excel",
    "JPG", "JPEG", "PNG", "GIF", "WEBP", "AVIF", "SVG", "HEIC", "MB", "KB", "GB", "Google Authenticator",
    "Microsoft Authenticator", "IIJ SmartKey", "NPO", "TOTP",
}
UNSEEN = {"script", "style", "template", "svg", "code", "pre", "noscript"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SPOKEN = ("title", "placeholder", "aria-label", "alt", "data-w-tooltip-content-value")
NOT_WORDS = re.compile(r"https?://\S+|[\w@.+-]+@[\w.-]+|[\w.-]+\.(?:pdf|csv|docx?|xlsx?|jpe?g|png|gif|webp|txt)\b"
                       r"|\b[a-z0-9]+(?:-[a-z0-9]+)+\b", re.I)
# Admin links in the page and in the sidebar's menu, which Wagtail sends as JSON for its script.
LINK = re.compile(r'(?:href="|"url": ")(/admin/[^"#]*)')
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+(?:[ -][A-Za-z][A-Za-z'’]+)*")
PAGES_PER_ROLE = 90
SAME_KIND = 2  # pages visited per URL shape (digits folded), so a list of 40 pages costs 2 visits


class SeenText(HTMLParser):
    """Text a person sees or hears on the page."""

    def __init__(self):
        super().__init__()
        self.unseen = []  # tags whose contents are not shown, innermost last
        self.texts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.unseen:
            if tag == self.unseen[-1] and tag not in VOID:
                self.unseen.append(tag)
            return
        hidden = "hidden" in attrs and attrs.get("role") != "tabpanel"  # a tab shows on a click
        if tag in UNSEEN or (hidden and tag not in VOID) or attrs.get("type") == "hidden":
            if tag not in VOID:
                self.unseen.append(tag)
            return
        self.texts += [attrs[name] for name in SPOKEN if attrs.get(name)]
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if self.unseen and tag == self.unseen[-1]:
            self.unseen.pop()

    def handle_data(self, data):
        if not self.unseen and data.strip():
            self.texts.append(data.strip())


# Where staff's own data lives: an organisation called KHJ or cocone, a username, a page title.
DATA_APPS = {"tenants", "network", "agreements", "training", "cms", "counselling", "auth", "wagtailcore",
             "wagtailimages", "wagtaildocs"}
ENGINE_NAMES = {"workflow", "task", "groupapprovaltask", "collection"}  # Wagtail named these itself


def data_words():
    """Every Latin word in the data a person typed or imported, which may rightly be English."""
    from django.apps import apps
    from django.db import models

    words = set()
    for model in apps.get_models():
        if model._meta.app_label not in DATA_APPS or model._meta.model_name in ENGINE_NAMES:
            continue
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
        for row in model._default_manager.values_list(*fields) if fields else ():
            for value in row:
                words.update(WORD.findall(NOT_WORDS.sub(" ", value or "")))
                words.update(word.strip("'’") for word in str(value or "").split())
    return words


def english_words(text, allowed=frozenset()):
    return [word for word in WORD.findall(NOT_WORDS.sub(" ", text))
            if word not in ALLOWED and word.strip("'’") not in allowed]


def kind(url):
    return re.sub(r"\d+", "N", url.split("?")[0])


def walk(client):
    """English found per page, walking breadth first from the dashboard."""
    queue, seen, per_kind, found, allowed = ["/admin/"], set(), {}, {}, data_words()
    while queue and len(seen) < PAGES_PER_ROLE:
        url = queue.pop(0)
        if url in seen or per_kind.get(kind(url), 0) >= SAME_KIND:
            continue
        seen.add(url)
        per_kind[kind(url)] = per_kind.get(kind(url), 0) + 1
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = SeenText()
        body = response.content.decode()
        page.feed(body)
        words = sorted({word for text in page.texts for word in english_words(text, allowed)})
        if words:
            found[url] = words
        queue += [html.unescape(link) for link in LINK.findall(body) if "logout" not in link and link not in seen]
    return seen, found


def test_the_checker_sees_what_a_person_sees():
    page = SeenText()
    page.feed('<title>編集 - Wagtail</title><div hidden>None</div><p>はい<br>Yes</p>'
              '<input type="submit" value="Search"><input type="hidden" value="x">'
              '<nav aria-label="Actions"></nav><script>var English;</script>'
              '<span>https://wagtail.org/ shinjuku-shiryo.pdf</span>')
    assert sorted(w for t in page.texts for w in english_words(t)) == ["Actions", "Search", "Wagtail", "Yes"]


@pytest.mark.parametrize("username", ["tokyo", "shinjuku", "shinjuku-member", "partner", "expert"])
def test_each_roles_admin_speaks_japanese(demo, username):
    seen, found = walk(client_for(get_user_model().objects.get(username=username)))
    assert len(seen) >= 4, seen  # the walk reached past the dashboard
    assert found == {}


def test_the_sign_in_page_speaks_japanese(client, db):
    page = SeenText()
    page.feed(client.get("/admin/login/").content.decode())
    assert "つなぐ 管理画面にログイン" in page.texts
    assert [w for t in page.texts for w in english_words(t)] == []


# Wagtail templates copied only to translate or drop English: each copy must stay Wagtail's file
# with exactly these changes (pattern, replacement), so an upgrade that changes the original fails
# here instead of silently keeping an old admin screen.
SEARCH = (re.escape('value="Search"'), 'value="{% trans "Search" %}"')
TEMPLATE_COPIES = {
    "wagtailadmin/home.html": [SEARCH],
    "wagtailadmin/shared/header.html": [SEARCH],
    "wagtailadmin/shared/headers/_actions.html": [
        (re.escape("{# Actions divider #}"), "{% load i18n %}{# Actions divider #}"),
        (re.escape('aria-label="Actions"'), 'aria-label="{% trans "Actions" %}"')],
    # the dashboard's link to Wagtail's English editor guide
    "wagtailadmin/home/account_summary.html": [
        (r" *\{% wagtail_feature_release_editor_guide_link.*?</li>\n", "")],
}


@pytest.mark.parametrize("name", sorted(TEMPLATE_COPIES))
def test_translated_template_copies_follow_wagtail(name):
    import wagtail.admin

    original = (Path(wagtail.admin.__file__).parent / "templates" / name).read_text(encoding="utf-8")
    for pattern, replacement in TEMPLATE_COPIES[name]:
        original, count = re.subn(pattern, lambda match: replacement, original, flags=re.S)
        assert count == 1, f"Wagtail changed {name}: review our copy"
    ours = Path(__file__).resolve().parents[2] / "templates" / name
    assert ours.read_text(encoding="utf-8") == original
