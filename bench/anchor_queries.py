"""Queries per request of Tsunagu's public pages, measured apart from the timed runs with
Django's test client (run by bench/anchor.py in the environment of Tsunagu's gunicorn).

Prints one JSON object: the data size and, per page, its label, path, status and the queries of
a first and of a repeated request (a page cache shows as few queries on the repeat)."""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Page  # noqa: E402

from network.models import ConsultationWindow, Organisation  # noqa: E402
from tenants.models import Municipality  # noqa: E402

CACHE_SETTING = os.environ.get("TSUNAGU_BENCH_CACHE_SETTING", "TSUNAGU_PAGE_CACHE")
CACHE_SETTING_DEFINED = hasattr(settings, CACHE_SETTING)
if os.environ.get("TSUNAGU_BENCH_PAGE_CACHE") == "off":
    setattr(settings, CACHE_SETTING, False)


def pages():
    organisation = Organisation.objects.filter(live=True).order_by("pk").first()
    return [
        ("home", "/"),
        ("municipality (shinjuku)", "/shinjuku/"),
        ("window list", "/windows/"),
        ("window list (email, 区部)", "/windows/?method=email&area=区部"),
        ("directory", "/directory/"),
        ("directory (family, 多摩)", "/directory/?support_type=family_group&area=多摩"),
        ("organisation", f"/directory/{organisation.pk}/"),
        ("search 家族会", "/search/?q=家族会"),
        ("news", "/news/"),
        ("events", "/events/"),
    ]


def count(client, path):
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    return status, len(queries)


def main():
    client = Client(HTTP_HOST="127.0.0.1")
    listed = []
    for label, path in pages():
        status, first = count(client, path)
        _, repeat = count(client, path)
        listed.append({"label": label, "path": path, "status": status, "queries_first": first,
                       "queries_repeat": repeat})
    size = {"municipalities": Municipality.objects.count(), "organisations": Organisation.objects.count(),
            "pages": Page.objects.count(), "windows": ConsultationWindow.objects.count(),
            "postgresql": connection.pg_version if connection.vendor == "postgresql" else None,
            "cache_setting": CACHE_SETTING, "cache_setting_defined": CACHE_SETTING_DEFINED}
    print(json.dumps({"size": size, "pages": listed}, ensure_ascii=False))


if __name__ == "__main__":
    main()
