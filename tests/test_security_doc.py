"""docs/security.md maps OWASP ASVS 4.0.3 level 2 to proof. This keeps it honest: every level-2
requirement has a row, every row has a known status, a row marked "test" names a test, and every
test named anywhere on the page still exists."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "security.md"
STATUSES = {"test", "setting", "framework", "process", "partial", "gap", "n/a"}

# Level-2 requirements of ASVS 4.0.3 (deleted ones left out), as "section: last numbers".
LEVEL_2 = """
1.1: 1-7 | 1.2: 1-4 | 1.4: 1,4,5 | 1.5: 1-4 | 1.6: 1-4 | 1.7: 1-2 | 1.8: 1-2 | 1.9: 1-2 | 1.10: 1
1.11: 1-2 | 1.12: 2 | 1.14: 1-6
2.1: 1-12 | 2.2: 1-3 | 2.3: 1-3 | 2.4: 1-6 | 2.5: 1-7 | 2.6: 1-3 | 2.7: 1-6 | 2.8: 1-7 | 2.9: 1-3
2.10: 1-4
3.1: 1 | 3.2: 1-4 | 3.3: 1-4 | 3.4: 1-5 | 3.5: 1-3 | 3.7: 1
4.1: 1,2,3,5 | 4.2: 1-2 | 4.3: 1-3
5.1: 1-5 | 5.2: 1-8 | 5.3: 1-10 | 5.4: 1-3 | 5.5: 1-4
6.1: 1-3 | 6.2: 1-6 | 6.3: 1-2 | 6.4: 1-2
7.1: 1-4 | 7.2: 1-2 | 7.3: 1,3,4 | 7.4: 1-3
8.1: 1-4 | 8.2: 1-3 | 8.3: 1-8
9.1: 1-3 | 9.2: 1-4
10.2: 1-2 | 10.3: 1-3
11.1: 1-8
12.1: 1-3 | 12.2: 1 | 12.3: 1-6 | 12.4: 1-2 | 12.5: 1-2 | 12.6: 1
13.1: 1,3,4,5 | 13.2: 1,2,3,5,6 | 13.3: 1-2 | 13.4: 1-2
14.1: 1-4 | 14.2: 1-6 | 14.3: 2-3 | 14.4: 1-7 | 14.5: 1-4
"""

ROW = re.compile(r"^\| (V\d+\.\d+\.\d+) \| (.+?) \| (\S+) \| (.+) \|$")
TEST_REF = re.compile(r"`?(tests/[\w/]+\.py)::(\w+)`?")


def level_2_ids():
    ids = set()
    for part in re.split(r"[|\n]", LEVEL_2):
        if not part.strip():
            continue
        section, numbers = (p.strip() for p in part.split(":"))
        for piece in numbers.split(","):
            low, _, high = piece.partition("-")
            for n in range(int(low), int(high or low) + 1):
                ids.add(f"V{section}.{n}")
    return ids


def rows():
    found = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            found[match.group(1)] = (match.group(3), match.group(4))
    return found


def defined_tests(path):
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}


def test_every_level_2_requirement_has_one_row_with_a_known_status():
    found = rows()
    expected = level_2_ids()
    assert len(expected) > 250
    assert sorted(expected - found.keys()) == []
    assert sorted(found.keys() - expected) == []
    assert {status for status, _ in found.values()} <= STATUSES


def test_a_row_marked_test_names_a_test():
    bare = [rid for rid, (status, proof) in rows().items() if status == "test" and not TEST_REF.search(proof)]
    assert bare == []


def test_every_test_the_page_names_still_exists():
    missing = []
    for path, name in TEST_REF.findall(DOC.read_text(encoding="utf-8")):
        if not (ROOT / path).is_file() or name not in defined_tests(path):
            missing.append(f"{path}::{name}")
    assert missing == [], "docs/security.md names tests that do not exist: " + ", ".join(missing)


def test_the_check_notices_a_test_that_is_gone(tmp_path):
    assert "test_no_such_thing" not in defined_tests("tests/trust/test_headers.py")
    assert TEST_REF.findall("`tests/trust/test_headers.py::test_no_such_thing`") == [
        ("tests/trust/test_headers.py", "test_no_such_thing")]
