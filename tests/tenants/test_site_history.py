"""The admin's site history shows a coordinator only entries about objects they may see, and
stays quick with a realistic number of entries (it used to build one condition per entry)."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from network.models import PlatformMembership


def test_site_history_shows_own_entries_only_among_many(as_shinjuku, as_bunkyo, as_metro, shinjuku, bunkyo,
                                                        shinjuku_coordinator):
    own = PlatformMembership.objects.create(municipality=shinjuku, name="新宿区 生活福祉課", role="department")
    theirs = PlatformMembership.objects.create(municipality=bunkyo, name="文京区 福祉政策課", role="department")
    content_type = ContentType.objects.get_for_model(PlatformMembership)
    now = timezone.now()
    ModelLogEntry.objects.bulk_create([
        ModelLogEntry(content_type=content_type, object_id=str(member.pk), label=member.name, action="wagtail.edit",
                      user=shinjuku_coordinator, timestamp=now + datetime.timedelta(seconds=1500 - n))
        for n in range(1500) for member in ([own, theirs] if n % 2 else [own])])

    url = reverse("wagtailadmin_reports:site_history")
    with CaptureQueriesContext(connection) as queries:
        response = as_bunkyo.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "文京区 福祉政策課" in body and "新宿区 生活福祉課" not in body
    bunkyo_queries = len(queries)

    body = as_shinjuku.get(url).content.decode()
    assert "新宿区 生活福祉課" in body and "文京区 福祉政策課" not in body
    with CaptureQueriesContext(connection) as queries:
        body = as_metro.get(url).content.decode()
    assert "新宿区 生活福祉課" in body and "文京区 福祉政策課" in body
    # The scoping adds a few queries per request, never one per entry.
    assert bunkyo_queries <= len(queries) + 10, (bunkyo_queries, len(queries))
