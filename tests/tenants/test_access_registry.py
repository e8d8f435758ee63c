"""tenants.access at the bottom of the house: the apps above it register the rules about their
objects, a rule nobody registered fails loudly, the shared guards refuse the wrong role, and no
file of tenants/ reaches up into network, training, agreements or cms."""

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse

from network import access_rules as network_rules
from tenants import access
from tests.conftest import client_for
from training import access_rules as training_rules

TENANTS = Path(__file__).resolve().parents[2] / "tenants"
ACCESS = TENANTS / "access"
ABOVE = ("network", "training", "agreements", "cms")
APP_LABEL = re.compile(rf"^({'|'.join(ABOVE)})(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def test_asking_for_a_rule_no_app_registered_fails_loudly(metro_coordinator):
    with pytest.raises(access.RuleNotRegistered) as refused:
        access.ask("nobody_registered_this", metro_coordinator)
    message = str(refused.value)
    assert "No app registered the access rule 'nobody_registered_this'" in message
    assert "register_rule('nobody_registered_this', ...)" in message and "AppConfig.ready()" in message
    assert not access.is_registered("nobody_registered_this")


def test_a_second_app_cannot_take_over_a_registered_rule():
    def impostor(user, case):
        return True

    with pytest.raises(ValueError, match="'can_see_case' is already registered by network.access_rules"):
        access.register_rule("can_see_case", impostor)
    access.register_rule("can_see_case", network_rules.can_see_case)  # ready() run again: harmless
    assert access.rule("can_see_case") is network_rules.can_see_case


def _asked_rule_names():
    names = set()
    for path in ACCESS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "ask"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                names.add(node.args[0].value)
    return names


def test_every_rule_tenants_access_asks_for_is_registered_at_startup():
    asked = _asked_rule_names()
    assert {"organisations_for", "can_see_case", "can_see_consultation"} <= asked
    assert [name for name in sorted(asked) if not access.is_registered(name)] == []
    assert access.rule("can_see_consultation") is training_rules.can_see_consultation


def _refused_by_the_guard(client, url):
    """PermissionDenied, as Wagtail's admin answers it: back to the dashboard with its message
    (not to the sign-in page), and a bare 403 to the admin's own scripts."""
    response = client.get(url)
    page = client.get(response["Location"]) if response.status_code == 302 else None
    return (response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
            and page is not None and "アクセス権がありません。" in page.content.decode()
            and client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest").status_code == 403)


def test_the_guard_refuses_a_municipal_coordinator_the_pipeline_dashboard(as_shinjuku, partner_editor):
    url = reverse("agreements_dashboard")
    assert _refused_by_the_guard(as_shinjuku, url)
    assert _refused_by_the_guard(client_for(partner_editor), url)


def test_the_guard_lets_a_metropolitan_coordinator_through(as_metro):
    response = as_metro.get(reverse("agreements_dashboard"))
    assert response.status_code == 200 and "agreements/admin/dashboard.html" in [t.name for t in response.templates]


def test_the_mixin_refuses_before_the_view_looks_the_prospect_up(as_shinjuku, as_metro):
    url = reverse("agreements_prospect_stage", args=[987654])  # no such prospect
    assert _refused_by_the_guard(as_shinjuku, url)  # refused, not told whether it exists
    assert as_metro.get(url).status_code == 404


def _reaches_above(path):
    """(line, what) for every import of an app above tenants and every app label in a string
    (apps.get_model("network", ...), "network.Organisation", "network.change_organisation")."""
    tree = ast.parse(path.read_text(), str(path))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, f"import {a.name}") for a in node.names if a.name.split(".")[0] in ABOVE]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] in ABOVE:
                found.append((node.lineno, f"from {node.module} import ..."))
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
              and APP_LABEL.match(node.value)):
            found.append((node.lineno, repr(node.value)))
    return found


def test_the_check_sees_every_way_of_reaching_up(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""Docstrings may name network.partners."""\n'
                      "import network.models\nfrom training import tasks\n"
                      "def f(apps):\n    return apps.get_model('agreements', 'Agreement'), 'cms.StandardPage'\n")
    assert {what for _line, what in _reaches_above(sample)} == {
        "import network.models", "from training import ...", "'agreements'", "'cms.StandardPage'"}


def test_tenants_imports_nothing_from_the_apps_above_it():
    sources = sorted(TENANTS.rglob("*.py"))
    assert ACCESS / "core.py" in sources
    reaching = [f"{path.relative_to(TENANTS.parent)}:{line}: {what}"
                for path in sources for line, what in _reaches_above(path)]
    assert reaching == []
