"""Moments in emails and notices read as Japan time, family name first."""

import datetime

from django.contrib.auth import get_user_model

from tenants.jpdates import japanese_datetime, person_name


def test_a_utc_moment_reads_in_japan_time():
    moment = datetime.datetime(2026, 3, 31, 15, 30, tzinfo=datetime.timezone.utc)
    assert japanese_datetime(moment) == "2026年04月01日 00:30"  # the next day in Tokyo
    assert japanese_datetime(None) == ""


def test_a_name_is_written_family_name_first_and_falls_back_to_the_user_name():
    User = get_user_model()
    assert person_name(User(username="hanako", first_name="花子", last_name="山田")) == "山田 花子"
    assert person_name(User(username="hanako")) == "hanako"
