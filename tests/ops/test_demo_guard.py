"""Demo data never under production (issue 17, item 3): every demo loader and demo command
passes tenants.demo_guard first, and under production settings refuses, in Japanese and English,
having written nothing."""

import importlib
import inspect

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from network.models import Organisation
from tenants.demo_guard import DemoRefused

from .helpers import database_url, postgresql_only
from .production_env import manage, production_env

pytestmark = pytest.mark.django_db
DEMO_MODULES = ["cms.demo", "network.demo.cases", "network.demo.councils", "network.demo.organisations",
                "network.demo.windows", "training.events.demo", "training.expertbank.demo", "agreements.demo"]


def demo_loaders():
    """Every load_demo* function the demo modules define (found, not listed, so a new one is
    covered the day it is written)."""
    for name in DEMO_MODULES:
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if attribute.startswith("load_demo") and inspect.isfunction(value) and value.__module__ == name:
                yield f"{name}.{attribute}", value


def rows():
    return get_user_model().objects.count(), Organisation.objects.count()


def test_there_are_demo_loaders_to_guard():
    assert len(list(demo_loaders())) >= 10


@pytest.mark.parametrize("name, loader", list(demo_loaders()), ids=[name for name, _ in demo_loaders()])
@override_settings(TSUNAGU_DEMO_ALLOWED=False)
def test_every_demo_loader_refuses_when_demo_data_is_not_allowed(name, loader):
    before = rows()
    with pytest.raises(DemoRefused) as refusal:
        loader()  # no arguments: the guard answers before the loader looks at them
    assert "デモデータを読み込みません" in str(refusal.value) and "Nothing was written." in str(refusal.value)
    assert rows() == before


@override_settings(TSUNAGU_DEMO_ALLOWED=False)
def test_the_demo_users_are_refused_too():
    from cms.demo import DEMO_USERS, _ensure_user

    with pytest.raises(DemoRefused):
        _ensure_user(*DEMO_USERS[0])
    assert not get_user_model().objects.filter(username="admin").exists()


@override_settings(TSUNAGU_DEMO_ALLOWED=False)
def test_rundemo_refuses_before_starting_anything():
    with pytest.raises(DemoRefused):
        call_command("rundemo", addr="127.0.0.1:1")


@postgresql_only
def test_load_demo_under_production_settings_refuses_and_writes_nothing(tmp_path):
    """A real manage.py, complete production environment, on the test database."""
    before = rows()
    result = manage(production_env(tmp_path, database_url=database_url()), "load_demo")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "本番用の設定ではデモデータを読み込みません" in result.stderr
    assert "Demo data is never loaded under production settings" in result.stderr
    assert "tsunagu-demo-2026" not in result.stdout + result.stderr
    assert rows() == before
    assert not get_user_model().objects.filter(username__in=["admin", "tokyo", "shinjuku"]).exists()
