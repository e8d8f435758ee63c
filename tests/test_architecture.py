"""The house keeps its shape (docs/architecture.md): layers and cycles checked by import-linter,
and no module grows past what one reading can hold."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["cms", "agreements", "training", "network", "tenants"]
MAX_LINES = 300
# The 300-line limit holds for the tests, benches and scripts too.
CHECKED_FOR_LENGTH = [*PACKAGES, "tests", "bench", "scripts"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd):
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_the_code_keeps_its_layers_and_has_no_import_cycle():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture
def copy_of_the_code(tmp_path):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__", "migrations", "static", "templates", "data"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize("module, upward", [
    ("tenants/models.py", "import network.models"),
    ("network/models/__init__.py", "from training import models as training_models"),
    ("training/models/__init__.py", "from agreements import models as agreements_models"),
])
def test_an_upward_import_breaks_the_build(copy_of_the_code, module, upward):
    target = copy_of_the_code / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{upward}  # noqa\n", encoding="utf-8")
    result = lint_imports(copy_of_the_code)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert upward.split()[1].split(".")[0] in result.stdout


def test_a_cycle_inside_a_package_breaks_the_build(copy_of_the_code):
    (copy_of_the_code / "tenants" / "ring_a.py").write_text("from . import ring_b  # noqa\n", encoding="utf-8")
    (copy_of_the_code / "tenants" / "ring_b.py").write_text("from . import ring_a  # noqa\n", encoding="utf-8")
    result = lint_imports(copy_of_the_code)
    assert result.returncode != 0
    assert "ring_a" in result.stdout and "ring_b" in result.stdout


def test_no_module_is_over_300_lines():
    too_long = {}
    for package in CHECKED_FOR_LENGTH:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                too_long[str(path.relative_to(ROOT))] = lines
    assert not too_long, f"split these modules by concern (at most {MAX_LINES} lines): {too_long}"


def test_the_models_match_their_migrations_wherever_the_code_is_checked_out(db):
    """Nothing machine-specific is frozen into a migration (a storage's absolute path once was),
    and no model change is missing its migration."""
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
