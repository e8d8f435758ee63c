"""Each municipality's coordinators keep their own consultation windows, with drafts and history."""

import pytest
from django.urls import reverse
from django.utils import translation

from network.models import ConsultationMethod, ConsultationWindow
from tests.tenants.helpers import refused


def url(view, *args):
    return reverse(f"wagtailsnippets_network_consultationwindow:{view}", args=args)


def make_window(municipality, name, publish=True, **fields):
    window = ConsultationWindow.objects.create(municipality=municipality, name=name, live=False, **fields)
    revision = window.save_revision()
    if publish:
        revision.publish()
    window.refresh_from_db()
    return window


def form_data(municipality, **overrides):
    data = {"municipality": municipality.pk, "name": "ひきこもり相談窓口", "department": "福祉課",
            "target": "年齢制限なし", "min_age": "", "max_age": "", "hours": "平日9:00-17:00",
            "phone": "", "email": "", "url": "", "contractor": "", "sort_order": "0",
            "methods": [ConsultationMethod.objects.get(code="phone").pk]}
    data.update(overrides)
    return data


@pytest.fixture
def bunkyo_window(bunkyo):
    return make_window(bunkyo, "文京区ひきこもり支援センター", phone="03-5800-0000")


def test_coordinator_adds_a_window_to_own_municipality_with_a_normalised_phone(as_shinjuku, shinjuku):
    response = as_shinjuku.post(url("add"), form_data(shinjuku, phone="０３－５２７３－３８９６",
                                                      **{"action-publish": "1"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    window = ConsultationWindow.objects.get(name="ひきこもり相談窓口")
    assert window.municipality == shinjuku and window.live
    assert window.phone == "03-5273-3896"
    assert list(window.methods.values_list("code", flat=True)) == ["phone"]


def test_add_form_offers_only_own_municipality(as_shinjuku, shinjuku, bunkyo):
    import re

    body = as_shinjuku.get(url("add")).content.decode()
    # The municipality is picked with the tenant-scoped snippet chooser, preset to 新宿区.
    field = re.search(r'<input type="hidden" name="municipality"[^>]*>', body).group(0)
    assert f'value="{shinjuku.pk}"' in field
    chooser = reverse("wagtailsnippetchoosers_tenants_municipality:choose")
    assert chooser in body
    html = as_shinjuku.get(chooser).json()["html"]
    assert "新宿区" in html and "文京区" not in html


def test_adding_a_window_for_another_municipality_writes_nothing(as_shinjuku, bunkyo):
    with translation.override("ja"):
        response = as_shinjuku.post(url("add"), form_data(bunkyo, **{"action-publish": "1"}))
    assert response.status_code == 200
    assert "正しく選択してください" in response.content.decode()
    assert not ConsultationWindow.objects.filter(municipality=bunkyo).exists()


@pytest.mark.parametrize("view", ["edit", "inspect", "history", "delete", "usage"])
def test_another_municipalitys_window_is_refused(as_shinjuku, bunkyo_window, view):
    response = as_shinjuku.get(url(view, bunkyo_window.pk))
    assert refused(response), view
    assert "文京区ひきこもり支援センター" not in response.content.decode()


def test_editing_another_municipalitys_window_changes_nothing(as_shinjuku, bunkyo, bunkyo_window):
    as_shinjuku.post(url("edit", bunkyo_window.pk),
                     form_data(bunkyo, name="乗っ取り", **{"action-publish": "1"}))
    bunkyo_window.refresh_from_db()
    assert bunkyo_window.name == "文京区ひきこもり支援センター"


def test_index_lists_only_own_windows(as_shinjuku, shinjuku, bunkyo_window):
    make_window(shinjuku, "新宿区ひきこもり総合相談窓口")
    body = as_shinjuku.get(url("list")).content.decode()
    assert "新宿区ひきこもり総合相談窓口" in body and "文京区ひきこもり支援センター" not in body


def test_bunkyo_coordinator_edits_own_window_and_history_records_it(as_bunkyo, bunkyo, bunkyo_window):
    response = as_bunkyo.post(url("edit", bunkyo_window.pk),
                              form_data(bunkyo, name="文京区ひきこもり支援センター（本所）",
                                        **{"action-publish": "1"}))
    assert response.status_code == 302
    bunkyo_window.refresh_from_db()
    assert bunkyo_window.name.endswith("（本所）") and bunkyo_window.revisions.count() == 2
    history = as_bunkyo.get(url("history", bunkyo_window.pk))
    assert history.status_code == 200


@pytest.mark.parametrize(("phone", "min_age", "max_age", "field"), [
    ("03-12", "", "", "phone"),
    ("電話番号", "", "", "phone"),
    ("03-1234-5678", "40", "15", "max_age"),
])
def test_bad_input_gets_a_japanese_message_and_writes_nothing(as_shinjuku, shinjuku, phone, min_age,
                                                              max_age, field):
    with translation.override("ja"):
        response = as_shinjuku.post(url("add"), form_data(
            shinjuku, phone=phone, min_age=min_age, max_age=max_age, **{"action-publish": "1"}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "市外局番" in body or "最低年齢" in body, field
    assert not ConsultationWindow.objects.filter(name="ひきこもり相談窓口").exists()


def test_metro_coordinator_sees_every_municipalitys_windows(as_metro, shinjuku, bunkyo_window):
    make_window(shinjuku, "新宿区ひきこもり総合相談窓口")
    body = as_metro.get(url("list")).content.decode()
    assert "新宿区ひきこもり総合相談窓口" in body and "文京区ひきこもり支援センター" in body


def test_window_listing_search_finds_a_japanese_word(as_shinjuku, shinjuku, bunkyo_window):
    make_window(shinjuku, "新宿区ひきこもり相談窓口")
    response = as_shinjuku.get(url("list"), {"q": "相談"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "新宿区ひきこもり相談窓口" in body and "文京区ひきこもり支援センター" not in body
