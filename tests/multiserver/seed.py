"""The multi-server run's people and event, written straight into its database after migrate and
bootstrap_tokyo (the demo loaders refuse production settings, and should). Run in its own process
with the app servers' environment:  python -m tests.multiserver.seed  → JSON on stdout.

Each signed-in person has a confirmed TOTP authenticator whose key the run knows, so it can
sign in through nginx with the second factor, as they would with their app."""

import datetime
import json
import os
import secrets

PASSWORD = "multi-server-pass-2026"


def seed():
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tenants.models import Municipality
    from tenants.provisioning import members_collection
    from training.models import Event, Session

    shinjuku = Municipality.objects.get(slug="shinjuku")
    bunkyo = Municipality.objects.get(slug="bunkyo")
    people = {
        "shinjuku_coordinator": shinjuku.coordinators_group,
        "shinjuku_member": shinjuku.members_group,
        "bunkyo_coordinator": bunkyo.coordinators_group,
        "locked_out": shinjuku.coordinators_group,
    }
    users = {}
    for role, group in people.items():
        username = "ms-" + role.replace("_", "-")
        user = get_user_model().objects.create_user(username, f"{username}@example.jp", PASSWORD)
        user.groups.add(group)
        key = secrets.token_hex(20)
        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True, key=key)
        users[role] = {"username": username, "password": PASSWORD, "totp_key": key}

    day = timezone.localdate() + datetime.timedelta(days=21)
    event = Event.objects.create(
        kind="weekday_individual", title="複数サーバー試験 家族セミナー", venue="新宿",
        deadline=timezone.now() + datetime.timedelta(days=14), waiting_list=False, published=True)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    session = Session.objects.create(event=event, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
                                     capacity_in_person=500, capacity_online=0)
    return {"users": users, "event": event.pk, "session": session.pk, "residence": shinjuku.pk,
            "members_collection": members_collection(shinjuku).pk}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
    import django

    django.setup()
    print(json.dumps(seed()))
