"""The public support directory and Japanese search, on whichever database runs the suite."""

import pytest

from network.models import Organisation
from tenants import jpsearch


@pytest.fixture
def directory(demo_organisations, tokyo):
    return Organisation.objects.all()


def listed(client, query=""):
    return client.get(f"/directory/?{query}").content.decode()


def test_directory_lists_live_organisations_in_gojuon_order(client, directory):
    body = listed(client)
    assert "47件の団体" in body or "47 organisations" in body
    first_page = ["あだち若者サポートステーション", "いたばし若者サポートステーション"]
    assert body.index(first_page[0]) < body.index(first_page[1])
    assert "page=2" in body  # 47 organisations, 20 per page


@pytest.mark.parametrize(("query", "present", "absent"), [
    ("support_type=family_group", ["KHJ町田家族会", "フリーランス杉並家族会"], ["育て上げネット"]),
    ("municipality=setagaya", ["まひろ", "せたがや若者サポートステーション"], ["育て上げネット"]),
    ("area=多摩&support_type=social_experience", ["育て上げネット", "文化学習協同ネットワーク"], ["グッド"]),
    ("audience=family", ["KHJ町田家族会"], ["キズキ"]),
    ("q=ふりーすぺーす&municipality=shinjuku", ["星槎教育研究所", "ワーカーズコープ"], ["キズキ"]),
])
def test_filters_combine_in_shareable_urls(client, directory, query, present, absent):
    body = listed(client, query)
    for name in present:
        assert name in body, (query, name)
    for name in absent:
        assert name not in body, (query, name)


def test_detail_page_shows_the_live_version_only(client, directory):
    organisation = Organisation.objects.get(name="育て上げネット")
    organisation.description = "下書きの説明文"
    organisation.save_revision()  # a draft, not published
    body = client.get(f"/directory/{organisation.pk}/").content.decode()
    assert "育て上げネット" in body and "そだてあげねっと" in body and "立川市" in body
    assert "下書きの説明文" not in body


def test_unpublished_organisation_is_not_public(client, directory):
    organisation = Organisation.objects.get(name="キズキ")
    organisation.unpublish()
    assert client.get(f"/directory/{organisation.pk}/").status_code == 404
    assert "キズキ" not in listed(client)
    results = client.get("/search/", {"q": "キズキ"}).content.decode()
    assert f"/directory/{organisation.pk}/" not in results and "団体が見つかりませんでした" in results


@pytest.mark.parametrize(("query", "expected"), [
    ("家族会", "KHJ町田家族会"),          # inside a longer name
    ("フリースペース", "まひろ"),          # support type 居場所・フリースペース
    ("ﾌﾘｰｽﾍﾟｰｽ", "まひろ"),              # half-width katakana
    ("ふりーすぺーす", "まひろ"),          # hiragana for katakana
    ("訪問", "星槎教育研究所"),
    ("支援", "東京都発達障害者支援センター（TOSCA）"),  # two characters mid-word
    ("若者サポート", "たちかわ若者サポートステーション"),
])
def test_japanese_search_finds_words_inside_text(directory, query, expected):
    found = [o.name for o in jpsearch.search(Organisation.objects.filter(live=True), query,
                                             fallback_fields=("name",))]
    assert expected in found, (query, found[:10])


def test_search_is_and_not_or(directory):
    found = {o.name for o in jpsearch.search(Organisation.objects.all(), "家族会 町田")}
    assert found == {"KHJ町田家族会"}


def test_site_search_shows_pages_and_organisations(client, directory):
    from tests.tenants.helpers import add_page

    home = directory.first().base_municipality  # any municipality page will do
    add_page(home.root_page, "家族会のご案内", "kazokukai")
    body = client.get("/search/", {"q": "かぞくかい"}).content.decode()
    assert "家族会のご案内" in body or "KHJ町田家族会" in body
    body = client.get("/search/", {"q": "家族会"}).content.decode()
    assert "家族会のご案内" in body and "KHJ町田家族会" in body


def test_one_character_query_falls_back_to_substring(client, directory):
    body = client.get("/search/", {"q": "会"}).content.decode()
    assert "KHJ町田家族会" in body
