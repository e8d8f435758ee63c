"""The user an operator names on the command line (the account commands share it)."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def user_named(username):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"No user {username!r}.")
    return user
