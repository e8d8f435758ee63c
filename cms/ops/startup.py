"""Refuse to start with unsafe production settings: wsgi.py, asgi.py and manage.py ask here.

Under production settings every system check runs (the deployment ones included); when any error
is reported, all of them are printed to stderr, Japanese and English, and the process stops
before it serves a request or runs a command. Only the commands that help an operator fix the
configuration, or that build the release without touching data, still run."""

import os
import sys

from django.utils.translation import gettext_noop

from tenants.operator_messages import bilingual

# check lists the problems itself; the others read no data and write none of it.
COMMANDS_ALLOWED_WHEN_MISCONFIGURED = {"check", "help", "version", "--help", "-h", "--version",
                                       "collectstatic", "compilemessages", "diffsettings"}
REFUSED = gettext_noop(
    "Tsunagu refuses to start: the production settings have %(count)s problem(s). Fix the "
    "variables named above (docs/deployment.md, \"Environment\").")


class StartupRefused(SystemExit):
    """Raised instead of starting. Exit status 3 is gunicorn's WORKER_BOOT_ERROR: its arbiter
    then stops the whole server ("Worker failed to boot") instead of respawning the worker."""


def problems():
    from django.conf import settings
    from django.core import checks

    if not getattr(settings, "TSUNAGU_PRODUCTION", False):
        return []
    found = checks.run_checks(include_deployment_checks=True)
    return [message for message in found if message.is_serious() and not message.is_silenced()]


def refuse_if_misconfigured(stream=None):
    """Call after django.setup(). Raises StartupRefused (printing every problem) or returns."""
    found = problems()
    if not found:
        return
    stream = stream or sys.stderr
    for message in sorted(found, key=lambda message: message.id or ""):
        stream.write(f"{message.id}: {message.msg}\n")
        if message.hint:
            stream.write(f"    HINT: {message.hint}\n")
    stream.write(bilingual(REFUSED, count=len(found)) + "\n")
    stream.flush()
    raise StartupRefused(3)


def _settings_module(argv):
    for index, argument in enumerate(argv):
        if argument.startswith("--settings="):
            return argument.split("=", 1)[1]
        if argument == "--settings" and index + 1 < len(argv):
            return argv[index + 1]
    return os.environ.get("DJANGO_SETTINGS_MODULE")


def refuse_command_if_misconfigured(argv):
    """manage.py: every command but those above refuses while production settings have problems."""
    command = argv[1] if len(argv) > 1 else "help"
    if command in COMMANDS_ALLOWED_WHEN_MISCONFIGURED:
        return
    module = _settings_module(argv)
    if module:
        os.environ["DJANGO_SETTINGS_MODULE"] = module
    import django
    from django.conf import settings

    try:
        production = getattr(settings, "TSUNAGU_PRODUCTION", False)
    except Exception:  # settings that do not import: Django reports that itself, better
        return
    if production:
        django.setup()
        refuse_if_misconfigured()
