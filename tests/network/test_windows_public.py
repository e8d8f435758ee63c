"""The public 相談窓口一覧 and each municipality's page."""

import pytest

from network.demo import load_demo_windows
from network.models import ConsultationWindow
from tests.conftest import rolled_back_at_the_end

from .test_windows_admin import make_window


@pytest.fixture(scope="module")
def demo_window_rows(django_db_setup, django_db_blocker):
    """The demo windows of all 62 municipalities, made once for the module."""
    with rolled_back_at_the_end(django_db_blocker):
        load_demo_windows()
        yield


@pytest.fixture
def demo_windows(demo_window_rows, tokyo):
    return ConsultationWindow.objects.all()


def names(response):
    return response.content.decode()


def test_list_shows_all_62_municipalities_in_code_order(client, demo_windows, tokyo):
    response = client.get("/windows/")
    assert response.status_code == 200
    body = response.content.decode()
    positions = [body.index(f'id="m-{m.slug}"') for m in tokyo.values()]
    assert positions == sorted(positions) and len(positions) == 62
    assert "ひきこもりに関する専用相談窓口「すみ家」" in body and "080-9817-4740" in body


@pytest.mark.parametrize(("query", "present", "absent"), [
    ("method=email", ["すみ家", "豊島区"], ["ひきこもり総合相談窓口"]),
    ("method=line", ["江戸川区"], ["すみ家"]),
    ("area=島しょ", ["ロケット", "大島町"], ["すみ家"]),
    ("age=16", ["それいゆ", "くにサポ"], ["ふくふく窓口"]),
    ("age=45", ["ふくふく窓口", "それいゆ"], ["くにサポ"]),
    ("visit=on&method=online", ["すみ家", "日野市"], ["くにサポ"]),
])
def test_filters_narrow_the_list(client, demo_windows, query, present, absent):
    body = client.get(f"/windows/?{query}").content.decode()
    for text in present:
        assert text in body, (query, text)
    for text in absent:
        assert text not in body, (query, text)


def test_bad_filter_input_gets_a_japanese_message(client, demo_windows):
    body = client.get("/windows/?age=abc").content.decode()
    assert "数値を入力してください" in body


def test_drafts_are_not_public(client, shinjuku):
    make_window(shinjuku, "準備中の窓口", publish=False)
    assert "準備中の窓口" not in client.get("/windows/").content.decode()
    assert "準備中の窓口" not in client.get("/shinjuku/").content.decode()


def test_municipality_page_shows_its_windows_only(client, demo_windows):
    body = client.get("/shinjuku/").content.decode()
    assert "ひきこもり総合相談窓口" in body and "すみ家" not in body
