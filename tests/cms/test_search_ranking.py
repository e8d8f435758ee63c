"""The public search still finds Japanese words in Japanese text and ranks a match in the name
before a match only in the description, on whichever database runs the suite; on PostgreSQL the
match goes through the title-and-body index (tenants migration 0006)."""

from django.db import connection
from wagtail.search.backends import get_search_backend

from network.models import Organisation
from tests.cms.test_public_pages import count_queries
from tests.network.test_query_counts import add_organisations


def add(tokyo, name, description=""):
    organisation = Organisation.objects.create(name=name, name_kana="てすと", description=description,
                                               base_municipality=tokyo["shinjuku"], live=True)
    get_search_backend().add(organisation)
    return organisation


def test_a_name_match_ranks_before_a_description_match(client, tokyo):
    add(tokyo, "みどり相談室", "毎月の当事者会のほか、ひきこもり家族会を開いています。")
    add(tokyo, "ひきこもり家族会さくら", "月に一度集まります。")
    add(tokyo, "あおぞら教室", "学習支援です。")
    body = client.get("/search/", {"q": "家族会"}).content.decode()
    main = body.split("<main", 1)[-1]
    assert "ひきこもり家族会さくら" in main and "みどり相談室" in main
    assert main.index("ひきこもり家族会さくら") < main.index("みどり相談室")
    assert "あおぞら教室" not in main


def test_the_directory_keyword_finds_a_word_inside_japanese_text(client, tokyo):
    add(tokyo, "居場所ひだまり", "駅前のフリースペースで毎週木曜に開いています。")
    add(tokyo, "あおぞら教室", "学習支援です。")
    body = client.get("/directory/", {"q": "ふりーすぺーす"}).content.decode()
    assert "居場所ひだまり" in body and "あおぞら教室" not in body


def test_the_directory_keyword_pages_through_many_matches(client, tokyo):
    add_organisations(60, tokyo)
    first = client.get("/directory/", {"q": "家族会"}).content.decode()
    second = client.get("/directory/", {"q": "家族会", "page": 2})
    assert second.status_code == 200
    names = {f"家族会テスト{i:04d}" for i in range(60)}
    on_first = {name for name in names if name in first}
    on_second = {name for name in names if name in second.content.decode()}
    assert on_first and on_second and not on_first & on_second


def statements(client, path):
    return count_queries(client, path, savepoints=False)


def test_the_search_page_query_count_is_small_and_constant(client, tokyo):
    add_organisations(10, tokyo)
    small = statements(client, "/search/?q=家族会")
    add_organisations(990, tokyo, start=10)
    assert statements(client, "/search/?q=家族会") == small <= 12


def test_the_title_and_body_index_exists_on_postgresql_only(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'tsunagu_indexentry_title_body_gin'")
        else:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'tsunagu_indexentry_title_body_gin'")
        assert bool(cursor.fetchone()) == (connection.vendor == "postgresql")
