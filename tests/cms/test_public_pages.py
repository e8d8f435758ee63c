"""What the public sees: the Japanese portal and the 62 municipal pages."""

import pytest
from django.test.utils import CaptureQueriesContext
from django.core.signals import request_started
from django.db import connection, reset_queries

from cms.demo import load_demo


@pytest.fixture
def demo(db):
    return load_demo()


def test_portal_home_is_japanese_and_links_every_municipality(client, tokyo):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="ja">' in body
    assert "東京都ひきこもりサポートネット" in body
    for municipality in tokyo.values():
        assert f'href="/{municipality.slug}/"' in body
    assert body.index("千代田区") < body.index("八王子市") < body.index("大島町")


def test_each_of_the_62_municipality_pages_answers(client, tokyo):
    for municipality in tokyo.values():
        response = client.get(f"/{municipality.slug}/")
        assert response.status_code == 200, municipality.slug
        body = response.content.decode()
        assert f"<h1>{municipality.name}</h1>" in body and municipality.code in body


def test_demo_portal_pages_and_news_render_with_japanese_dates(client, demo):
    assert demo["pages"] >= 20
    body = client.get("/").content.decode()
    assert "お知らせ" in body
    news = client.get("/news/")
    assert news.status_code == 200
    assert "年" in news.content.decode() and "（" in news.content.decode()  # 2026年11月16日（月）
    assert client.get("/consultation/").status_code == 200
    assert client.get("/shinjuku/news/").status_code == 200


def test_demo_tokyo_councils_publish_the_promotion_meeting_minutes(client, demo):
    """The Support Net's own 推進会議 and 連絡会 in Tokyo's space, linked from the portal home."""
    assert 'href="/kaigi/"' in client.get("/").content.decode()
    listing = client.get("/kaigi/").content.decode()
    assert "ひきこもりに係る支援推進会議" in listing and "区市町村ひきこもり支援担当者連絡会" in listing
    assert "第4回 区市町村ひきこもり支援担当者連絡会" in listing  # upcoming
    minutes = client.get("/kaigi/suishin-kaigi/dai2kai/").content.decode()
    assert "相談窓口一覧" in minutes and "多職種専門チーム" in minutes and "小澤" in minutes


def test_drafts_are_not_public(client, shinjuku):
    from tests.tenants.helpers import add_page

    add_page(shinjuku.root_page, "準備中のページ", "junbi", publish=False)
    assert client.get("/shinjuku/junbi/").status_code == 404
    assert "準備中のページ" not in client.get("/shinjuku/").content.decode()


def test_unknown_page_gets_a_japanese_404(client, db, tokyo):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()


def count_queries(client, path, savepoints=True):
    """SQL statements of one warm request; savepoints=False leaves out those the test's own
    transaction adds."""
    client.get(path)  # warm caches (site root paths)
    request_started.disconnect(reset_queries)  # Django clears the log when a request starts
    try:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
    finally:
        request_started.connect(reset_queries)
    if savepoints:
        return len(queries)
    savepoint = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
    return len([q for q in queries.captured_queries if not q["sql"].startswith(savepoint)])


def test_page_query_counts_do_not_grow_with_the_62_municipalities(client, tokyo):
    # At least one query proves the count is real; the ceiling holds with all 62 linked.
    home = count_queries(client, "/")
    assert 0 < home <= 15
    municipal = count_queries(client, "/shinjuku/")
    # +1: the shared database cache (no Redis in tests) answers Wagtail's site-root lookup with a query
    assert 0 < municipal <= 17  # windows, events, members, news and upcoming meetings: one query each
