"""The shared tenant-safe snippet base, exercised on Municipality: every per-object view and the
chooser ask the permission policy (Wagtail 8 only filters the index: wagtail#10746)."""

import pytest
from django.urls import reverse

from tenants.models import Municipality

from .helpers import refused

PER_OBJECT_VIEWS = ["edit", "inspect", "history", "usage", "delete"]


def url(view, *args):
    return reverse(f"wagtailsnippets_tenants_municipality:{view}", args=args)


def test_index_lists_only_own_municipality(as_shinjuku):
    body = as_shinjuku.get(url("list")).content.decode()
    assert "新宿区" in body and "文京区" not in body and "千代田区" not in body


def test_metro_coordinator_lists_all_62(as_metro):
    body = as_metro.get(url("list")).content.decode()
    assert "千代田区" in body and "文京区" in body


@pytest.mark.parametrize("view", PER_OBJECT_VIEWS)
def test_per_object_views_of_another_municipality_are_refused(as_shinjuku, bunkyo, view):
    response = as_shinjuku.get(url(view, bunkyo.pk))
    assert refused(response), (view, response.status_code)
    assert "ぶんきょうく" not in response.content.decode()


@pytest.mark.parametrize("view", ["edit", "inspect", "history"])
def test_per_object_views_of_own_municipality_open(as_shinjuku, shinjuku, view):
    response = as_shinjuku.get(url(view, shinjuku.pk))
    assert response.status_code == 200
    assert "新宿区" in response.content.decode()


def test_posting_an_edit_to_another_municipality_changes_nothing(as_shinjuku, bunkyo):
    response = as_shinjuku.post(url("edit", bunkyo.pk),
                                {"name": "乗っ取り区", "name_kana": "のっとりく", "name_en": "X"})
    assert refused(response)
    assert Municipality.objects.get(pk=bunkyo.pk).name == "文京区"


def test_coordinator_edits_own_municipality_names(as_shinjuku, shinjuku):
    response = as_shinjuku.post(url("edit", shinjuku.pk),
                                {"name": "新宿区", "name_kana": "しんじゅくく", "name_en": "Shinjuku City"})
    assert response.status_code == 302
    assert Municipality.objects.get(pk=shinjuku.pk).name_en == "Shinjuku City"


def test_chooser_lists_only_own_and_refuses_choosing_another(as_shinjuku, bunkyo):
    html = as_shinjuku.get(reverse("wagtailsnippetchoosers_tenants_municipality:choose")).json()["html"]
    assert "新宿区" in html and "文京区" not in html
    response = as_shinjuku.get(reverse("wagtailsnippetchoosers_tenants_municipality:chosen",
                                       args=[bunkyo.pk]))
    assert response.status_code in (302, 403)
    assert "文京区" not in response.content.decode()


def test_nobody_but_a_superuser_deletes_a_municipality(as_metro, bunkyo):
    as_metro.post(url("delete", bunkyo.pk))
    assert Municipality.objects.filter(pk=bunkyo.pk).exists()
