"""Encryption at rest for case records (Fernet: AES-128-CBC with HMAC-SHA256, from the
`cryptography` library).

Keys come from the environment: TSUNAGU_CASE_KEYS is a comma-separated list of Fernet keys, the
first one encrypts, all of them decrypt. To rotate, put a new key first, run
`manage.py rotate_case_keys`, then drop the old key. Without the variable (development, demo,
tests) a key is derived from SECRET_KEY; production settings refuse to start without it."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"


def generate_key() -> str:
    return Fernet.generate_key().decode()


def configured_keys() -> list:
    keys = list(getattr(settings, "TSUNAGU_CASE_KEYS", []) or [])
    if keys:
        return keys
    if not settings.SECRET_KEY:
        raise ImproperlyConfigured("TSUNAGU_CASE_KEYS (or at least SECRET_KEY) must be set.")
    digest = hashlib.sha256(("tsunagu-case-key:" + settings.SECRET_KEY).encode()).digest()
    return [base64.urlsafe_b64encode(digest).decode()]


def _cipher() -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key) for key in configured_keys()])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(f"TSUNAGU_CASE_KEYS holds an invalid Fernet key: {error}") from error


def encrypt_bytes(data: bytes) -> bytes:
    return _cipher().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    return _cipher().decrypt(token)


def rotate_bytes(token: bytes) -> bytes:
    """Re-encrypt with the first key (MultiFernet.rotate keeps the original timestamp)."""
    return _cipher().rotate(token)


def encrypt(text: str) -> str:
    if text is None or text == "":
        return text
    return PREFIX + encrypt_bytes(text.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored or not stored.startswith(PREFIX):
        return stored
    try:
        return decrypt_bytes(stored[len(PREFIX):].encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "A case record cannot be decrypted with TSUNAGU_CASE_KEYS: was a key removed before "
            "rotate_case_keys ran?") from error


def rotate(stored: str) -> str:
    if not stored or not stored.startswith(PREFIX):
        return encrypt(stored)
    return PREFIX + rotate_bytes(stored[len(PREFIX):].encode()).decode()


class EncryptedTextField(models.TextField):
    """A text field stored encrypted. It cannot be searched, filtered or ordered by content;
    nothing should be."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value)
