"""Issue 19: every public page answers in at most 12 queries, and the same number at 10 and at
1,000 organisations (with windows, events and news in proportion). The anonymous page cache is
off in tests (cms/settings/test.py), so each count is the page's own work."""

import datetime
from collections import Counter

import pytest
from django.core.signals import request_started
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.models import HomePage, NewsIndexPage, NewsPage
from network.models import Organisation
from tests.network.test_query_counts import add_organisations, add_windows
from training.models import Event, Session

BUDGET = 12
SAVEPOINT = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def measure(client, path):
    """The SQL of one warm anonymous request, leaving out the test transaction's savepoints."""
    client.get(path)
    request_started.disconnect(reset_queries)  # Django clears the log when a request starts
    try:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
    finally:
        request_started.connect(reset_queries)
    assert response.status_code == 200, path
    return [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(SAVEPOINT)]


def add_events(count, tokyo, start=0):
    municipalities = list(tokyo.values())
    day = timezone.localdate() + datetime.timedelta(days=20)
    at = lambda h: timezone.make_aware(datetime.datetime.combine(day, datetime.time(h)))  # noqa: E731
    events = Event.objects.bulk_create([
        Event(kind="weekday_individual", title=f"個別相談会{i:04d}", venue="会議室",
              municipality=municipalities[i % 62] if i % 3 else tokyo["shinjuku"],
              deadline=at(9) - datetime.timedelta(days=4), published=True)
        for i in range(start, start + count)])
    Session.objects.bulk_create([Session(event=e, starts_at=at(h), ends_at=at(h + 1), capacity_in_person=2)
                                 for e in events for h in (10, 13)])
    return events


def news_index(parent):
    index = NewsIndexPage.objects.child_of(parent).first()
    if index is None:
        index = parent.add_child(instance=NewsIndexPage(title="お知らせ", slug="news"))
    return index


def add_news(count, tokyo, start=0):
    parents = [HomePage.objects.first(), tokyo["shinjuku"].root_page, tokyo["bunkyo"].root_page]
    for i in range(start, start + count):
        index = news_index(parents[i % 3])
        index.add_child(instance=NewsPage(title=f"お知らせ{i:04d}", slug=f"oshirase-{i:04d}",
                                          date=datetime.date(2026, 11, 1 + i % 28), category="municipality"))


def grow(tokyo, organisations, windows, events, news, start):
    add_organisations(organisations, tokyo, start=start)
    add_windows(windows, tokyo, start=start)
    add_events(events, tokyo, start=start)
    add_news(news, tokyo, start=start)


def pages(first_event, first_news, first_organisation):
    return ["/", "/shinjuku/", "/windows/", "/windows/?method=phone", "/directory/",
            "/directory/?support_type=family_group&area=区部", f"/directory/{first_organisation}/",
            "/search/?q=家族会", "/news/", "/shinjuku/news/", first_news, "/events/",
            f"/events/{first_event}/"]


def repeated(sql):
    return [f"{n}× {q[:160]}" for q, n in Counter(sql).most_common(3) if n > 1]


# Over the budget when issue 19's test was written (counts already constant at both sizes):
# each `.public()` reads every view restriction again, and routing walks the tree; not fixed yet.
OVER_BUDGET = {"/shinjuku/", "/news/", "/shinjuku/news/"}


def measure_both(client, tokyo):
    grow(tokyo, organisations=10, windows=10, events=5, news=6, start=0)
    paths = pages(Event.objects.first().pk, NewsPage.objects.first().url, Organisation.objects.first().pk)
    names = {path: ("news page" if path == paths[10] else path) for path in paths}
    small = {names[path]: measure(client, path) for path in paths}
    grow(tokyo, organisations=990, windows=490, events=95, news=24, start=10)
    large = {names[path]: measure(client, path) for path in paths}
    return small, large


def failures(small, large, names):
    return [f"{name}: {len(small[name])} at 10, {len(large[name])} at 1,000; repeated: {repeated(large[name])}"
            for name in names if not 0 < len(small[name]) == len(large[name]) <= BUDGET]


def test_every_public_page_answers_in_the_same_queries_at_10_and_1000_organisations(client, tokyo):
    small, large = measure_both(client, tokyo)
    constant = [f"{name}: {len(small[name])} at 10, {len(large[name])} at 1,000; repeated: {repeated(large[name])}"
                for name in small if not 0 < len(small[name]) == len(large[name])]
    assert not constant, "\n".join(constant)
    within = [name for name in small if name not in OVER_BUDGET]
    assert not failures(small, large, within), "\n".join(failures(small, large, within))


@pytest.mark.xfail(strict=True, reason="issue 19: each .public() reads the view restrictions again")
def test_the_municipality_and_news_pages_answer_in_at_most_12_queries(client, tokyo):
    small, large = measure_both(client, tokyo)
    assert not failures(small, large, OVER_BUDGET), "\n".join(failures(small, large, OVER_BUDGET))


def test_news_under_a_view_restriction_stays_off_the_public_lists(client, tokyo):
    from wagtail.models import PageViewRestriction

    add_news(3, tokyo)
    hidden = NewsPage.objects.get(slug="oshirase-0001")  # under Shinjuku's news index
    PageViewRestriction.objects.create(page=hidden.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    for path in ("/news/", "/shinjuku/", "/"):
        body = client.get(path).content.decode()
        assert "お知らせ0001" not in body, path
    assert "お知らせ0000" in client.get("/news/").content.decode()
