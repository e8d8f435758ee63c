"""Each public page's query count does not grow with the number of organisations or windows."""

from django.core.signals import request_started
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from network.models import ConsultationMethod, ConsultationWindow, Organisation, SupportType


def count_queries(client, path):
    client.get(path)
    request_started.disconnect(reset_queries)  # Django clears the log when a request starts
    try:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
    finally:
        request_started.connect(reset_queries)
    assert response.status_code == 200, path
    return len(queries)


def add_organisations(count, tokyo, start=0):
    types = list(SupportType.objects.all())
    municipalities = list(tokyo.values())
    organisations = Organisation.objects.bulk_create([
        Organisation(name=f"家族会テスト{i:04d}", name_kana=f"かぞくかいてすと{i:04d}",
                     base_municipality=municipalities[i % 62], for_family=True, live=True)
        for i in range(start, start + count)])
    Organisation.support_types.through.objects.bulk_create([
        Organisation.support_types.through(organisation=o, supporttype=t)
        for i, o in enumerate(organisations) for t in types[i % 3:i % 3 + 2]])
    Organisation.municipalities_served.through.objects.bulk_create([
        Organisation.municipalities_served.through(organisation=o, municipality=m)
        for i, o in enumerate(organisations) for m in municipalities[i % 62:i % 62 + 2]])
    get_search_backend().add_bulk(Organisation, organisations)


def add_windows(count, tokyo, start=0):
    methods = list(ConsultationMethod.objects.all())
    municipalities = list(tokyo.values())
    windows = ConsultationWindow.objects.bulk_create([
        ConsultationWindow(municipality=municipalities[i % 62], name=f"相談窓口{i:04d}", live=True)
        for i in range(start, start + count)])
    ConsultationWindow.methods.through.objects.bulk_create([
        ConsultationWindow.methods.through(consultationwindow=w, consultationmethod=m)
        for i, w in enumerate(windows) for m in methods[i % 4:i % 4 + 3]])


PAGES = ["/directory/", "/directory/?support_type=family_group&area=区部", "/search/?q=家族会",
         "/windows/", "/windows/?method=phone", "/", "/shinjuku/"]


def test_query_counts_are_the_same_at_10_and_1000_organisations(client, tokyo):
    add_organisations(10, tokyo)
    add_windows(10, tokyo)
    small = {path: count_queries(client, path) for path in PAGES}
    detail = count_queries(client, f"/directory/{Organisation.objects.first().pk}/")
    add_organisations(990, tokyo, start=10)
    add_windows(490, tokyo, start=10)
    large = {path: count_queries(client, path) for path in PAGES}
    assert all(count > 0 for count in small.values()), small
    assert large == small
    assert count_queries(client, f"/directory/{Organisation.objects.last().pk}/") == detail
