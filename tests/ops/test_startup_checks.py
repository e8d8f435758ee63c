"""Settings that fail closed (issue 17, item 3): under production settings every missing or
unsafe variable is its own start-up check, Japanese and English, naming the variable; the
process refuses to start (manage.py, wsgi, a real gunicorn) and check --deploy is clean on a
complete environment."""

import subprocess
import sys

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from .helpers import ROOT, free_port, start, stop, wait_until
from .production_env import CASE_KEY, SECRET_KEY, manage, production_env

S3 = {"TSUNAGU_STORAGE": "s3", "TSUNAGU_S3_ENDPOINT_URL": "http://127.0.0.1:9000", "TSUNAGU_S3_REGION": "ap-northeast-1",
      "TSUNAGU_S3_ACCESS_KEY_ID": "tsunagu", "TSUNAGU_S3_SECRET_ACCESS_KEY": "s3-secret",
      "TSUNAGU_S3_BUCKET": "tsunagu-public", "TSUNAGU_S3_PRIVATE_BUCKET": "tsunagu-private"}


@pytest.fixture
def complete_production(tmp_path, monkeypatch):
    """This process's checks see a complete production environment; tests spoil one part."""
    env = production_env(tmp_path)
    for name in ("DATABASE_URL", "EMAIL_HOST", "TSUNAGU_STORAGE"):
        monkeypatch.setenv(name, env[name])
    for name in ("TSUNAGU_APP_SERVERS", "REDIS_URL", *[key for key in S3 if key != "TSUNAGU_STORAGE"]):
        monkeypatch.delenv(name, raising=False)
    settings = {"TSUNAGU_PRODUCTION": True, "SECRET_KEY": SECRET_KEY, "TSUNAGU_CASE_KEYS": [CASE_KEY],
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "DEBUG": False,
                "ALLOWED_HOSTS": ["tsunagu.example.jp"], "MEDIA_ROOT": env["MEDIA_ROOT"],
                "PRIVATE_MEDIA_ROOT": env["PRIVATE_MEDIA_ROOT"]}
    with override_settings(**settings):
        yield monkeypatch


def has_japanese(text):
    return any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in text)


def reported(**settings):
    with override_settings(**settings):
        return [(message.id, message.msg) for message in run_checks(tags=["tsunagu"])]


def test_a_complete_production_environment_reports_nothing(complete_production):
    assert reported() == []


def test_outside_production_settings_the_checks_stay_quiet():
    assert reported(TSUNAGU_PRODUCTION=False, SECRET_KEY="", TSUNAGU_CASE_KEYS=[]) == []


# (what is wrong, environment changes, settings changes, the check's id, what the message names)
PROBLEMS = [
    ("no database", {"DATABASE_URL": None}, {}, "tsunagu.E001", "DATABASE_URL"),
    ("SQLite", {"DATABASE_URL": "sqlite:////tmp/tsunagu.sqlite3"}, {}, "tsunagu.E002", "PostgreSQL"),
    ("MySQL", {"DATABASE_URL": "mysql://u:p@db/tsunagu"}, {}, "tsunagu.E002", "PostgreSQL"),
    ("no secret key", {}, {"SECRET_KEY": ""}, "tsunagu.E003", "SECRET_KEY"),
    ("short secret key", {}, {"SECRET_KEY": "abcdefghij" * 3}, "tsunagu.E004", "SECRET_KEY"),
    ("repetitive secret key", {}, {"SECRET_KEY": "ab" * 40}, "tsunagu.E005", "SECRET_KEY"),
    ("Django's placeholder", {}, {"SECRET_KEY": "django-insecure-" + SECRET_KEY}, "tsunagu.E005", "SECRET_KEY"),
    ("no case keys", {}, {"TSUNAGU_CASE_KEYS": []}, "tsunagu.E006", "TSUNAGU_CASE_KEYS"),
    ("a bad case key", {}, {"TSUNAGU_CASE_KEYS": [CASE_KEY, "not-a-fernet-key"]}, "tsunagu.E007", "TSUNAGU_CASE_KEYS"),
    ("no SMTP host", {"EMAIL_HOST": None}, {}, "tsunagu.E008", "EMAIL_HOST"),
    ("file email", {}, {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}, "tsunagu.E009",
     "EMAIL_BACKEND"),
    ("no storage choice", {"TSUNAGU_STORAGE": None}, {}, "tsunagu.E010", "TSUNAGU_STORAGE"),
    ("an unknown storage", {"TSUNAGU_STORAGE": "local"}, {}, "tsunagu.E010", "TSUNAGU_STORAGE"),
    ("bad server count", {"TSUNAGU_APP_SERVERS": "two"}, {}, "tsunagu.E013", "TSUNAGU_APP_SERVERS"),
    ("servers without Redis", {"TSUNAGU_APP_SERVERS": "2"}, {}, "tsunagu.E014", "REDIS_URL"),
    ("no hosts", {}, {"ALLOWED_HOSTS": []}, "tsunagu.E015", "ALLOWED_HOSTS"),
    ("any host", {}, {"ALLOWED_HOSTS": ["*"]}, "tsunagu.E016", "ALLOWED_HOSTS"),
    ("debug", {}, {"DEBUG": True}, "tsunagu.E017", "DEBUG"),
]


@pytest.mark.parametrize("environment, spoiled, check_id, named", [p[1:] for p in PROBLEMS],
                         ids=[p[0] for p in PROBLEMS])
def test_each_problem_is_its_own_check_in_japanese_and_english(complete_production, environment, spoiled,
                                                               check_id, named):
    for name, value in environment.items():
        if value is None:
            complete_production.delenv(name)
        else:
            complete_production.setenv(name, value)
    found = reported(**spoiled)
    assert [check for check, _ in found] == [check_id]
    message = found[0][1]
    assert named in message
    japanese, english = message.split(" / ")
    assert has_japanese(japanese) and not has_japanese(english)


def test_a_bad_case_key_is_named_by_position_never_shown(complete_production):
    found = reported(TSUNAGU_CASE_KEYS=[CASE_KEY, "not-a-fernet-key"])
    assert "2番目" in found[0][1] and "number 2" in found[0][1]
    assert "not-a-fernet-key" not in found[0][1] and CASE_KEY not in found[0][1]


def test_object_storage_names_every_missing_variable(complete_production):
    for name, value in S3.items():
        complete_production.setenv(name, value)
    assert reported() == []
    complete_production.delenv("TSUNAGU_S3_PRIVATE_BUCKET")
    complete_production.delenv("TSUNAGU_S3_SECRET_ACCESS_KEY")
    found = reported()
    assert [check for check, _ in found] == ["tsunagu.E011", "tsunagu.E011"]
    assert "TSUNAGU_S3_SECRET_ACCESS_KEY" in found[0][1] and "TSUNAGU_S3_PRIVATE_BUCKET" in found[1][1]


def test_private_files_under_the_public_media_root_are_refused(complete_production, tmp_path):
    found = reported(MEDIA_ROOT=str(tmp_path / "media"), PRIVATE_MEDIA_ROOT=str(tmp_path / "media" / "private"))
    assert [check for check, _ in found] == ["tsunagu.E012"] and "PRIVATE_MEDIA_ROOT" in found[0][1]


def test_several_app_servers_with_redis_are_fine(complete_production):
    complete_production.setenv("TSUNAGU_APP_SERVERS", "3")
    complete_production.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert reported() == []


# --- real processes -------------------------------------------------------------------------------

def test_an_empty_environment_lists_every_problem_at_once(tmp_path):
    env = {key: None for key in ("DATABASE_URL", "SECRET_KEY", "TSUNAGU_CASE_KEYS", "ALLOWED_HOSTS",
                                 "EMAIL_HOST", "TSUNAGU_STORAGE")}
    result = manage(production_env(tmp_path, **env), "check")
    assert result.returncode != 0
    for check_id in ("E001", "E003", "E006", "E008", "E010", "E015"):
        assert f"tsunagu.{check_id}" in result.stderr
    assert "DATABASE_URL が設定されていません。 / DATABASE_URL is not set." in result.stderr


def test_check_deploy_is_clean_on_a_complete_production_environment(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    # The one check silenced is django-ratelimit's list of the cache backends it was tested with
    # (cms/settings/shared_state.py says why); nothing else may be.
    from django.conf import settings

    assert settings.SILENCED_SYSTEM_CHECKS == ["django_ratelimit.W001"]
    assert "no issues (1 silenced)" in result.stdout


@pytest.mark.parametrize("variable", ["DATABASE_URL", "SECRET_KEY", "TSUNAGU_CASE_KEYS", "EMAIL_HOST",
                                      "TSUNAGU_STORAGE", "ALLOWED_HOSTS", "REDIS_URL"])
def test_the_application_refuses_to_load_without_each_variable(tmp_path, variable):
    extra = {"TSUNAGU_APP_SERVERS": "2", "REDIS_URL": "redis://127.0.0.1:6379/0"}
    extra[variable] = None
    code = "import cms.wsgi; print('SERVING')"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=production_env(tmp_path, **extra),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 3 and "SERVING" not in result.stdout
    assert variable in result.stderr and "つなぐを起動しません" in result.stderr
    assert "Tsunagu refuses to start: the production settings have 1 problem(s)." in result.stderr


def test_manage_py_refuses_commands_but_still_helps_the_operator(tmp_path):
    env = production_env(tmp_path, SECRET_KEY=None)
    migrate = manage(env, "migrate")
    assert migrate.returncode == 3 and "tsunagu.E003" in migrate.stderr and "SECRET_KEY" in migrate.stderr
    assert not list(tmp_path.glob("*.sqlite3")), "no SQLite file may be created in production"
    version = manage(env, "version")
    assert version.returncode == 0 and version.stdout.strip()[0].isdigit()


def test_gunicorn_fails_to_boot_and_says_why(tmp_path):
    port = free_port()
    env = production_env(tmp_path, TSUNAGU_CASE_KEYS=None, EMAIL_HOST=None)
    server = start([sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--workers", "2",
                    "--bind", f"127.0.0.1:{port}"], env, tmp_path / "gunicorn.log")
    try:
        wait_until(lambda: server.poll() is not None, 60, "gunicorn exiting")
    finally:
        stop(server)
    log = (tmp_path / "gunicorn.log").read_text()
    assert server.returncode != 0, log
    assert "tsunagu.E006" in log and "tsunagu.E008" in log and "2 problem(s)" in log


def test_incomplete_object_storage_is_reported_with_the_other_problems(tmp_path):
    """The storage settings do not raise under production: their problems join the rest."""
    env = production_env(tmp_path, SECRET_KEY=None, **{**S3, "TSUNAGU_S3_PRIVATE_BUCKET": None})
    result = manage(env, "check")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "ImproperlyConfigured" not in result.stderr
    assert "tsunagu.E003" in result.stderr and "tsunagu.E011" in result.stderr
    assert "TSUNAGU_S3_PRIVATE_BUCKET" in result.stderr


def test_private_files_inside_public_media_are_reported_not_raised(tmp_path):
    env = production_env(tmp_path, PRIVATE_MEDIA_ROOT=str(tmp_path / "media" / "private"))
    result = manage(env, "check")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "tsunagu.E012" in result.stderr
