"""Settings from the environment, production hardening, Japanese formats."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
PROD_KEY = "k" * 20 + "-prod-secret-for-tests-only-" + "z" * 20
CASE_KEY = "4pD0oxyKQ1Jt6F5Gc2m3cV0mYV9Z0bq6QjvQm3aUe1Q="  # a Fernet key for these tests only


def run_manage(*args, env=None):
    base = {key: value for key, value in os.environ.items()
            if key not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "REDIS_URL",
                           "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    base.update({"DJANGO_SETTINGS_MODULE": "cms.settings.production"}, **(env or {}))
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=base,
                          capture_output=True, text=True, timeout=120)


class DateForm(forms.Form):
    day = forms.DateField()
    when = forms.DateTimeField()


@pytest.mark.parametrize("typed", ["2026/11/21", "2026年11月21日", "2026-11-21", "2026/1/5"])
def test_japanese_date_input_is_accepted(typed):
    with translation.override("ja"):
        form = DateForm({"day": typed, "when": f"{typed} 17:00"})
        assert form.is_valid(), form.errors
    expected = datetime.date(2026, 1, 5) if typed == "2026/1/5" else datetime.date(2026, 11, 21)
    assert form.cleaned_data["day"] == expected
    assert form.cleaned_data["when"].hour == 17


def test_nonsense_date_is_refused_in_japanese():
    with translation.override("ja"):
        form = DateForm({"day": "2026/13/40", "when": "x"})
        assert not form.is_valid()
        assert "日付を正しく入力してください" in str(form.errors["day"])


def test_language_time_zone_and_defaults():
    assert settings.LANGUAGE_CODE == "ja" and settings.TIME_ZONE == "Asia/Tokyo" and settings.USE_TZ


def test_production_settings_import_without_raising_and_report_instead():
    """Every problem is reported together by the start-up checks (tests/ops/test_startup_checks.py)."""
    result = run_manage("check", env={"TSUNAGU_CASE_KEYS": CASE_KEY})
    assert result.returncode != 0 and "ImproperlyConfigured" not in result.stderr
    assert "tsunagu.E003" in result.stderr and "SECRET_KEY" in result.stderr
    assert "tsunagu.E006" not in result.stderr


def test_development_with_debug_off_also_refuses_without_a_secret_key():
    result = run_manage("check", env={"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DEBUG": "false"})
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def settings_value(expression, env):
    code = ("import django, json; django.setup(); from django.conf import settings; "
            f"print(json.dumps({expression}, default=str))")
    base = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "EMAIL_HOST", "DATABASE_URL"}}
    base.update({"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "SECRET_KEY": PROD_KEY}, **env)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=base,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_environment_selects_broker_email_and_database(tmp_path):
    defaults = settings_value(
        "[settings.Q_CLUSTER.get('orm'), settings.EMAIL_BACKEND, settings.EMAIL_FILE_PATH, "
        "settings.DATABASES['default']['ENGINE']]", {"TSUNAGU_VAR_DIR": str(tmp_path)})
    assert '"default"' in defaults and "filebased" in defaults and str(tmp_path / "mail") in defaults
    assert "sqlite3" in defaults
    configured = settings_value(
        "[settings.Q_CLUSTER.get('redis'), settings.Q_CLUSTER.get('orm'), settings.EMAIL_BACKEND, "
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']]",
        {"REDIS_URL": "redis://127.0.0.1:6379/1", "EMAIL_HOST": "smtp.example.jp",
         "DATABASE_URL": "postgresql://u:p@db.example.jp:5432/tsunagu", "TSUNAGU_VAR_DIR": str(tmp_path)})
    assert "redis://127.0.0.1:6379/1" in configured and "null" in configured
    assert "smtp.EmailBackend" in configured and "postgresql" in configured and '"tsunagu"' in configured


def test_admin_speaks_japanese(client, db):
    import re

    body = client.get("/admin/login/").content.decode()
    visible = re.sub(r"<script.*?</script>|<[^>]+>", " ", body, flags=re.S)
    assert 'lang="ja"' in body and "サインイン" in visible
    # Wagtail's own ja catalogue leaves these in English; the project's completion translates them.
    assert "パスワード" in visible and "Password" not in visible and "Remember me" not in visible
