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

    po = {e.msgid for e in polib.pofile(str(CATALOGUES[0])) if not e.obsolete}
    pattern = re.compile(r'''(?:gettext_lazy|gettext|_)\(\s*"((?:[^"\\]|\\.)+)"\s*[,)]''')
    missing = []
    for path in ROOT.glob("[a-z]*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts or "migrations" in path.parts:
            continue
        for msgid in pattern.findall(path.read_text(encoding="utf-8")):
            if msgid not in po:
                missing.append((str(path.relative_to(ROOT)), msgid))
    assert missing == []
