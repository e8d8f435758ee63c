"""A complete production environment for a child process (manage.py, gunicorn), and the same
with one variable removed or spoiled: what the start-up checks are tested against."""

import os
import subprocess
import sys

from cryptography.fernet import Fernet

from .helpers import ROOT

SECRET_KEY = "prod-test-" + "k7Qz!x2#Lm9@vB4$" * 4  # 74 characters, many different ones
CASE_KEY = Fernet.generate_key().decode()
# Variables of the parent that must not leak into a production child.
PARENT_ONLY = {"DJANGO_SETTINGS_MODULE", "TSUNAGU_Q_SYNC", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
DEPLOYMENT_VARIABLES = {"DATABASE_URL", "SECRET_KEY", "TSUNAGU_CASE_KEYS", "ALLOWED_HOSTS", "EMAIL_HOST",
                        "TSUNAGU_STORAGE", "TSUNAGU_APP_SERVERS", "REDIS_URL", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"}


def production_env(tmp_path, database_url="postgresql://tsunagu:secret@db.example.jp:5432/tsunagu", **extra):
    """Every variable production needs, on a single server with local files. `extra` adds or
    replaces variables; a value of None removes one."""
    media, private = tmp_path / "media", tmp_path / "private"
    media.mkdir(parents=True, exist_ok=True)
    private.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items()
           if k not in PARENT_ONLY and k not in DEPLOYMENT_VARIABLES and not k.startswith("TSUNAGU_S3_")}
    env.update(DJANGO_SETTINGS_MODULE="cms.settings.production", DATABASE_URL=database_url,
               SECRET_KEY=SECRET_KEY, TSUNAGU_CASE_KEYS=CASE_KEY, ALLOWED_HOSTS="tsunagu.example.jp,127.0.0.1",
               EMAIL_HOST="127.0.0.1", TSUNAGU_STORAGE="files", MEDIA_ROOT=str(media),
               PRIVATE_MEDIA_ROOT=str(private), TSUNAGU_VAR_DIR=str(tmp_path), PYTHONUNBUFFERED="1")
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def manage(env, *args, timeout=120):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)
