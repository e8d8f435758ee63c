"""The access matrix (issue 9): every URL pattern of the site × every role, each asked for a
新宿区 / demo-partner / demo-lawyer object, against the rule in access_rules. A URL pattern without
a rule fails, so a new view cannot land without a decision about who may open it."""

import copy
import dataclasses
import json
import os
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from .access_matrix import (Rule, assert_every_url_has_a_rule, body_text, build_path, outcome, specs, text_of,
                            url_patterns)
from .access_rules import RULES
from .access_world import ROLES, build_world, clients_for

ROUTES = list(url_patterns())


def test_every_url_has_a_rule():
    assert_every_url_has_a_rule(ROUTES, RULES)


def test_removing_any_rule_fails_the_suite():
    """Acceptance: take any one rule away and the check above fails, naming its URL pattern."""
    for route in set(ROUTES):
        fewer = {key: rule for key, rule in RULES.items() if key != route}
        with pytest.raises(AssertionError, match=re.escape(route)):
            assert_every_url_has_a_rule(ROUTES, fewer)


def test_no_rule_without_a_url():
    stale = sorted(set(RULES) - set(ROUTES))
    assert not stale, "Access rules for URL patterns that no longer exist:\n" + "\n".join(stale)


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The world is built once for the module, inside a transaction rolled back at the end; each
    request below runs in its own savepoint, so what one role's request changes, the next does not
    see."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world, users = build_world()
            yield world, clients_for(users)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# Tables a refused request may still write: the session (expiry is renewed on every request,
# messages are kept there) and nothing else.
BOOKKEEPING_TABLES = ("django_session",)
WRITE = re.compile(r'^\s*(INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?',
                   re.IGNORECASE)


@pytest.mark.parametrize("sql,table", [
    ('INSERT INTO "wagtailcore_pagelogentry" ("label") VALUES (%s)', "wagtailcore_pagelogentry"),
    ('INSERT OR IGNORE INTO "wagtailimages_rendition" ("image_id") VALUES (%s)', "wagtailimages_rendition"),
    ('INSERT INTO "wagtailcore_referenceindex" ("object_id") VALUES (%s) ON CONFLICT DO NOTHING',
     "wagtailcore_referenceindex"),
    ('REPLACE INTO "django_cache" ("key") VALUES (%s)', "django_cache"),
    ('UPDATE "network_platformmembership" SET "name" = %s', "network_platformmembership"),
    ('DELETE FROM "network_casereview" WHERE "id" = %s', "network_casereview"),
    ("SELECT 1 FROM network_casereview", None),
])
def test_the_write_check_sees_every_kind_of_write(sql, table):
    match = WRITE.match(sql)
    assert (match.group(2) if match else None) == table


def ask(client, method, path):
    """One request in a savepoint that is rolled back, with the client's cookies put back after
    (a sign-out or a second-factor step must not carry over to the next URL). Returns the
    response and the tables it wrote to."""
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(path)
        transaction.set_rollback(True)
    client.cookies = cookies
    written = {match.group(2) for query in queries.captured_queries if (match := WRITE.match(query["sql"]))}
    return response, written - set(BOOKKEEPING_TABLES)


def check(route, rule, world, clients):
    path = build_path(route, rule, world)
    problems, seen = [], {}
    texts = [text_of(spec, world) for spec in specs(rule.shows)] if rule.shows else []
    control = text_of(rule.control, world) if rule.control else None
    for role in ROLES:
        response, written = ask(clients[role], rule.method, path)
        got, detail = outcome(response, rule)
        seen[role] = detail
        expected = "allowed" if role in rule.allow else "refused"
        if got != expected:
            problems.append(f"{role}: expected {expected}, got {detail}")
            continue
        if expected == "refused":
            if written:
                problems.append(f"{role}: refused, but wrote to {sorted(written)}")
            if rule.method == "get":
                # A view that refuses to show must refuse a write too (or not take POST at all).
                posted, written = ask(clients[role], "post", path)
                if posted.status_code != 405 and outcome(posted, rule)[0] != "refused":
                    problems.append(f"{role}: POST not refused, got {outcome(posted, rule)[1]}")
                elif written:
                    problems.append(f"{role}: POST refused, but wrote to {sorted(written)}")
            continue
        if response.status_code != 200 or not (texts or control):
            continue
        body = body_text(response)
        for text in texts:
            if role in rule.sees and text not in body:
                problems.append(f"{role}: missing {text!r}")
            elif role in rule.must_not_see() and text in body:
                problems.append(f"{role}: shows {text!r}")
        if control and control not in body:
            problems.append(f"{role}: missing the control text {control!r}")
    return path, problems, seen


@pytest.mark.parametrize("route", ROUTES)
def test_access(route, matrix, db):
    world, clients = matrix
    rule = RULES.get(route)
    if os.environ.get("TSUNAGU_ACCESS_REPORT"):
        _report(route, rule, world, clients)
    assert rule is not None, f"no access rule for {route}"
    path, problems, _seen = check(route, rule, world, clients)
    assert not problems, f"{route} ({path}):\n" + "\n".join(problems)


def test_the_rules_that_refuse_everyone_still_have_nothing_to_show():
    """Some rules refuse everyone because there is nothing behind them yet: no form pages (whose
    submissions would be personal data) and no settings models. The day one appears, this fails
    and those rules need real roles and objects."""
    from django.apps import apps
    from wagtail.contrib.forms.models import FormMixin
    from wagtail.contrib.settings.registry import registry as settings_registry

    assert [m for m in apps.get_models() if issubclass(m, FormMixin)] == []
    assert list(settings_registry) == []


# Each of these rules, turned inside out, must be reported for every role: the matrix can fail.
SAMPLES = [
    "admin/cases/<int:pk>/",
    "admin/snippets/network/consultationwindow/edit/<int:pk>/",
    "admin/snippets/network/organisation/edit/<int:pk>/",
    "admin/consultations/<int:pk>/",
    "documents/^(\\d+)/(.*)$",
    "admin/images/<int:image_id>/",
    "windows/",
]


@pytest.mark.parametrize("route", SAMPLES)
def test_a_wrong_rule_is_reported_for_every_role(route, matrix, db):
    world, clients = matrix
    rule = RULES[route]
    inverted = dataclasses.replace(rule, allow=frozenset(ROLES) - rule.allow, shows="", sees=frozenset(), control="")
    _path, problems, _seen = check(route, inverted, world, clients)
    assert sorted(problem.split(":")[0] for problem in problems) == sorted(ROLES)


def test_a_list_showing_another_municipalitys_object_is_reported(matrix, db):
    world, clients = matrix
    route = "admin/snippets/network/consultationwindow/"
    claims_bunkyo_sees_it = dataclasses.replace(RULES[route], sees=RULES[route].sees | {"bunkyo"})
    _path, problems, _seen = check(route, claims_bunkyo_sees_it, world, clients)
    assert problems == [f"bunkyo: missing {world['window'].name!r}"]


def _report(route, rule, world, clients):
    """TSUNAGU_ACCESS_REPORT=<file>: append what every role got (for writing a new rule)."""
    from .access_args import default_args
    rule = rule or Rule(allow=frozenset(), args=default_args(route))
    try:
        path, _problems, seen = check(route, rule, world, clients)
    except Exception as error:  # noqa: BLE001 - the report records what broke
        path, seen = None, {"error": repr(error)}
    with open(os.environ["TSUNAGU_ACCESS_REPORT"], "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"route": route, "path": path, "seen": seen}, ensure_ascii=False) + "\n")
