"""The public search boxes take any text (issue 18): the site search and the directory keyword,
asked by a visitor with the inputs that used to answer 500, on whichever database runs the suite.
A search too long for the box is cut there and says so in Japanese."""

import pytest


from .hostile import HOSTILE


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_site_search_takes_any_text(client, demo_organisations, tokyo, name):
    response = client.get("/search/", {"q": HOSTILE[name]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "検索" in body and "Search" not in body.split("<main", 1)[-1]
    if name not in ("plain", "kanji", "whitespace"):
        assert "見つかりませんでした" in body


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_directory_keyword_takes_any_text(client, demo_organisations, tokyo, name):
    response = client.get("/directory/", {"q": HOSTILE[name]})
    assert response.status_code == 200


def test_plain_words_still_find_organisations(client, demo_organisations, tokyo):
    body = client.get("/search/", {"q": "家族会"}).content.decode()
    assert "KHJ町田家族会" in body
    body = client.get("/directory/", {"q": "家族会"}).content.decode()
    assert "KHJ町田家族会" in body and "育て上げネット" not in body


def test_a_search_too_long_for_the_box_is_cut_and_says_so(client, demo_organisations, tokyo):
    body = client.get("/search/", {"q": "家族会" + "あ" * 200}).content.decode()
    assert "最初の100文字" in body
    assert "最初の100文字" not in client.get("/search/", {"q": "家族会"}).content.decode()


def test_a_directory_keyword_too_long_is_refused_in_japanese(client, demo_organisations, tokyo):
    body = client.get("/directory/", {"q": "家族会" * 50}).content.decode()
    assert "100 文字以下" in body or "100文字以下" in body


def test_an_admin_list_says_when_the_search_was_cut(as_shinjuku):
    body = as_shinjuku.get("/admin/documents/", {"q": "支援" * 150}).content.decode()
    assert "最初の200文字" in body
    assert "最初の200文字" not in as_shinjuku.get("/admin/documents/", {"q": "支援"}).content.decode()
    # The partial results fetched while typing carry no message (it would surface on the next page).
    as_shinjuku.get("/admin/documents/results/", {"q": "支援" * 150})
    assert "最初の200文字" not in as_shinjuku.get("/admin/documents/").content.decode()
