"""Every search box of the site takes any text (issue 18): each admin list and chooser that
searches, found from the URL configuration (tests/trust/hostile.py), asked by the metropolitan
and a municipal coordinator with the inputs that used to answer 500."""

from urllib.parse import quote

import pytest
from django.db import transaction

from .access_matrix import build_path
from .access_rules import RULES
from .access_world import build_world, clients_for
from .hostile import HOSTILE, admin_search_routes

ROUTES = admin_search_routes()
ROLES = ("tokyo", "shinjuku")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            objects, users = build_world()
            yield objects, clients_for({role: users[role] for role in ROLES})
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _with_query(path, query):
    return path + ("&" if "?" in path else "?") + "q=" + quote(query)


def test_the_list_of_search_boxes_covers_the_lists_and_choosers():
    for route in ("admin/documents/", "admin/images/chooser/results/", "admin/snippets/agreements/agreement/",
                  "admin/users/", "admin/pages/search/", "admin/snippets/choose/network/organisation/results/",
                  "admin/events/", "admin/platform_members/"):
        assert route in ROUTES


@pytest.mark.parametrize("route", ROUTES)
def test_admin_search_takes_any_text(route, world, db):
    objects, clients = world
    path = build_path(route, RULES[route], objects)
    problems = []
    for role, client in clients.items():
        if client.get(path).status_code != 200:
            continue  # a list this role may not open: the access matrix covers the refusal
        for name, text in HOSTILE.items():
            response = client.get(_with_query(path, text))
            if response.status_code != 200:
                problems.append(f"{role} {name}: {response.status_code}")
    assert not problems, f"{path}:\n" + "\n".join(problems)
