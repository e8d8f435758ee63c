"""The environment of a benchmark's gunicorn: production settings, complete (the start-up checks,
cms/ops/checks.py, refuse anything less). Production refuses SQLite, so on the SQLite bench
database the server runs the development settings with DEBUG off, which is as fast."""

import os
import tempfile

from cryptography.fernet import Fernet


def gunicorn_env(**extra):
    var = tempfile.mkdtemp(prefix="tsunagu-bench-")
    env = {**os.environ, "SECRET_KEY": "bench-only-" + "k7Qz!x2#Lm9@vB4$" * 4, "ALLOWED_HOSTS": "127.0.0.1",
           "SECURE_SSL_REDIRECT": "false", "TSUNAGU_CASE_KEYS": Fernet.generate_key().decode(),
           # The bench sends no email through it; the SMTP start-up check wants a host.
           "EMAIL_HOST": "127.0.0.1", "TSUNAGU_STORAGE": "files",
           "MEDIA_ROOT": os.path.join(var, "media"), "PRIVATE_MEDIA_ROOT": os.path.join(var, "private")}
    if env.get("DATABASE_URL", "").startswith("postgres"):
        env["DJANGO_SETTINGS_MODULE"] = "cms.settings.production"
    else:
        env.update(DJANGO_SETTINGS_MODULE="cms.settings.dev", DEBUG="false")
    env.update(extra)
    for directory in (env["MEDIA_ROOT"], env["PRIVATE_MEDIA_ROOT"]):
        os.makedirs(directory, exist_ok=True)
    return env
