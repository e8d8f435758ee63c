"""The ja catalogues are complete and compiled from their sources."""

import gettext
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [ROOT / "locale/ja/LC_MESSAGES/django.po",
              ROOT / "translations/wagtail/ja/LC_MESSAGES/django.po"]


@pytest.mark.parametrize("po_path", CATALOGUES, ids=["tsunagu", "wagtail-completion"])
def test_catalogue_is_complete_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    active = [entry for entry in po if not entry.obsolete]
    assert active, "empty catalogue"
    assert [e.msgid for e in active if not e.translated()] == []
    assert [e.msgid for e in active if "fuzzy" in e.flags] == []
    compiled = gettext.GNUTranslations(open(po_path.with_suffix(".mo"), "rb"))
    stale = [e.msgid for e in active if not e.msgid_plural and not e.msgctxt
             and compiled.gettext(e.msgid) != e.msgstr]
    assert stale == [], "run `make messages` to recompile the .mo"


def test_every_ui_string_in_the_code_is_in_the_catalogue():
    """A string wrapped in gettext but missing from django.po would show in English."""
    import re

    entries = [e for e in polib.pofile(str(CATALOGUES[0])) if not e.obsolete]
    po = {e.msgid for e in entries if not e.msgctxt}
    po_context = {(e.msgctxt, e.msgid) for e in entries if e.msgctxt}
    pattern = re.compile(r'''\b(?:gettext_lazy|gettext|gettext_noop|_)\(\s*"((?:[^"\\]|\\.)+)"\s*[,)]''')
    with_context = re.compile(r'''\bpgettext(?:_lazy)?\(\s*"([^"]+)",\s*"((?:[^"\\]|\\.)+)"\s*\)''')
    missing = []
    for path in ROOT.glob("[a-z]*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for msgid in pattern.findall(text):
            if msgid not in po:
                missing.append((str(path.relative_to(ROOT)), msgid))
        for context, msgid in with_context.findall(text):
            if (context, msgid) not in po_context:
                missing.append((str(path.relative_to(ROOT)), context, msgid))
    assert missing == []


def test_our_catalogue_never_rewords_wagtail_or_django():
    """LOCALE_PATHS come first, so an entry here with a msgid Wagtail or Django already translate
    would silently change their admin (a "Cancel" button saying 取り消す everywhere). Words whose
    meaning differs here carry a context (pgettext)."""
    import django
    import wagtail

    theirs = {}
    for package in (Path(django.__file__).parent, Path(wagtail.__file__).parent):
        for path in package.glob("**/locale/ja/LC_MESSAGES/django.po"):
            for entry in polib.pofile(str(path)):
                if entry.msgstr and not entry.msgctxt:
                    theirs.setdefault(entry.msgid, set()).add(entry.msgstr)
    for entry in polib.pofile(str(CATALOGUES[1])):
        if entry.msgstr and not entry.msgctxt:
            theirs.setdefault(entry.msgid, set()).add(entry.msgstr)
    reworded = [(e.msgid, e.msgstr, sorted(theirs[e.msgid])) for e in polib.pofile(str(CATALOGUES[0]))
                if not e.obsolete and not e.msgctxt and e.msgid in theirs and e.msgstr not in theirs[e.msgid]]
    assert reworded == []
