"""Passwords as OWASP ASVS 4.0.3 V2.1 and V2.4 ask: 12 to 128 characters with repeated spaces
counted once, any character allowed, a current password to change one, other sessions signed
out by a change, and a slow salted hash in production."""

from html.parser import HTMLParser

import pytest
from django.conf import global_settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db


def refusal(password):
    with translation.override("ja"):
        try:
            validate_password(password)
        except ValidationError as error:
            return " ".join(error.messages)
    return None


def test_twelve_characters_are_the_least_and_repeated_spaces_count_once():
    assert len("ひきこもり支援つなぐ1") == 11
    assert "12" in refusal("ひきこもり支援つなぐ1")
    assert "文字" in refusal("ひきこもり支援つなぐ1")
    assert refusal("ひきこもり支援つなぐ12") is None  # 12 characters
    assert refusal("a" + " " * 12 + "b") is not None  # folds to "a b"
    assert refusal("かぞく  の  あしたへ  ゆっくり  と") is None


def test_long_passphrases_are_allowed_up_to_128_and_refused_beyond():
    words = "すこしずつ 話せる場所が ここにある "
    assert refusal((words * 4)[:64]) is None
    assert refusal(("ab" + "c" * 200)[:128]) is None
    message = refusal(("ab" + "c" * 200)[:129])
    assert message is not None and "128" in message


def test_any_printable_character_is_allowed_with_no_composition_rule():
    assert refusal("ねこと 🌱 ゆっくり あるく よる") is None  # kana, spaces and an emoji
    assert refusal("すべてひらがなのながいことば") is None  # no digits, no capitals, no symbols


def test_common_and_all_digit_passwords_are_refused():
    assert refusal("password1234") is not None
    assert refusal("3141592653589793") is not None


def test_production_hashes_passwords_with_salted_pbkdf2_and_enough_iterations():
    import cms.settings.base as base

    hashers = getattr(base, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)
    assert hashers[0] == "django.contrib.auth.hashers.PBKDF2PasswordHasher"
    assert PBKDF2PasswordHasher.iterations >= 310_000  # ASVS V2.4.3 for PBKDF2-HMAC-SHA256
    hasher = PBKDF2PasswordHasher()
    first, second = hasher.encode("同じ合言葉", hasher.salt()), hasher.encode("同じ合言葉", hasher.salt())
    assert first != second  # a unique salt per credential (V2.4.2)
    assert len(hasher.salt()) * 5.9 >= 32  # salts of at least 32 bits
    assert get_hasher("default").algorithm  # the test settings may speed this up; production does not


class FormValues(HTMLParser):
    """The values a browser would send back for the account page's form, as rendered."""

    def __init__(self):
        super().__init__()
        self.values, self._select = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file", "checkbox", "radio"):
            self.values[name] = attrs.get("value") or ""
        elif tag == "input" and name and attrs.get("type") in ("checkbox", "radio") and "checked" in attrs:
            self.values[name] = attrs.get("value") or "on"
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def account_form(client):
    response = client.get(reverse("wagtailadmin_account"))
    assert response.status_code == 200
    parser = FormValues()
    parser.feed(response.content.decode())
    # The account page requires a name; the fixtures' users have none.
    return {**parser.values, "name_email-first_name": "太郎", "name_email-last_name": "新宿"}


NEW = "あたらしい 合言葉 を きめました"


def test_changing_the_password_needs_the_current_one(shinjuku_coordinator):
    client = client_for(shinjuku_coordinator)
    for old in ("", "wrong-password-1"):
        data = {**account_form(client), "password-old_password": old,
                "password-new_password1": NEW, "password-new_password2": NEW}
        response = client.post(reverse("wagtailadmin_account"), data)
        assert response.status_code == 200  # the form again, with its error
        shinjuku_coordinator.refresh_from_db()
        assert shinjuku_coordinator.check_password(PASSWORD) and not shinjuku_coordinator.check_password(NEW)


def test_a_password_change_signs_out_every_other_session(shinjuku_coordinator):
    here, elsewhere = client_for(shinjuku_coordinator), client_for(shinjuku_coordinator)
    assert elsewhere.get(reverse("wagtailadmin_home")).status_code == 200
    data = {**account_form(here), "password-old_password": PASSWORD,
            "password-new_password1": NEW, "password-new_password2": NEW}
    response = here.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 302
    shinjuku_coordinator.refresh_from_db()
    assert shinjuku_coordinator.check_password(NEW)
    assert here.get(reverse("wagtailadmin_home")).status_code == 200  # this session goes on
    refused = elsewhere.get(reverse("wagtailadmin_home"))
    assert refused.status_code == 302 and reverse("wagtailadmin_login") in refused["Location"]


def test_the_person_is_told_by_email_when_their_password_changes(shinjuku_coordinator, mailoutbox,
                                                                 django_capture_on_commit_callbacks):
    from django.utils import timezone

    shinjuku_coordinator.last_login = timezone.now()
    shinjuku_coordinator.save()
    client = client_for(shinjuku_coordinator)
    data = {**account_form(client), "password-old_password": PASSWORD,
            "password-new_password1": NEW, "password-new_password2": NEW}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("wagtailadmin_account"), data).status_code == 302
    notices = [m for m in mailoutbox if "パスワード" in m.subject]
    assert len(notices) == 1 and notices[0].to == [shinjuku_coordinator.email]
    assert "変更" in notices[0].body and NEW not in notices[0].body and PASSWORD not in notices[0].body
    assert notices[0].body.startswith("新宿 太郎 様\n")  # family name first, as Japanese letters address people
    assert f"{timezone.localtime():%Y年%m月%d日 }" in notices[0].body  # the day in Japan time


def test_a_first_password_and_a_refused_change_send_nothing(shinjuku_coordinator, mailoutbox,
                                                           django_capture_on_commit_callbacks):
    assert shinjuku_coordinator.last_login is None  # created by the fixture: a first password
    with django_capture_on_commit_callbacks(execute=True):
        shinjuku_coordinator.set_password("はじめての 合言葉 です")
        shinjuku_coordinator.save()
    client = client_for(shinjuku_coordinator)
    data = {**account_form(client), "password-old_password": "wrong-password-1",
            "password-new_password1": NEW, "password-new_password2": NEW}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("wagtailadmin_account"), data).status_code == 200
    assert [m.subject for m in mailoutbox] == []
