"""A 新宿区 coordinator works in 新宿区's subtree of the page tree and nowhere else."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from .helpers import add_page, draft_change, refused


@pytest.fixture
def pages(shinjuku, bunkyo):
    return {
        "shinjuku_live": add_page(shinjuku.root_page, "相談窓口 新宿区のご案内", "shinjuku-window"),
        "bunkyo_live": add_page(bunkyo.root_page, "相談窓口 文京区のご案内", "bunkyo-window"),
        "bunkyo_draft": add_page(bunkyo.root_page, "相談窓口 文京区の準備中ページ", "bunkyo-draft", publish=False),
    }


def test_explorer_opens_at_the_own_subtree(as_shinjuku, shinjuku, pages):
    response = as_shinjuku.get(reverse("wagtailadmin_explore", args=[shinjuku.root_page.pk]))
    assert response.status_code == 200
    assert "相談窓口 新宿区のご案内" in response.content.decode()
    response = as_shinjuku.get(reverse("wagtailadmin_explore_root"), follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert "文京区" not in body and "相談窓口 文京区" not in body


def test_explorer_of_another_municipality_is_refused(as_shinjuku, bunkyo, pages):
    response = as_shinjuku.get(reverse("wagtailadmin_explore", args=[bunkyo.root_page.pk]))
    assert refused(response)
    assert "相談窓口 文京区" not in response.content.decode()


def test_admin_search_finds_only_own_pages(as_shinjuku, pages):
    url = reverse("wagtailadmin_pages:search")
    body = as_shinjuku.get(url, {"q": "相談窓口"}).content.decode()
    assert "相談窓口 新宿区のご案内" in body
    assert "相談窓口 文京区" not in body


def test_metro_coordinator_search_finds_every_municipality(as_metro, pages):
    body = as_metro.get(reverse("wagtailadmin_pages:search"), {"q": "相談窓口"}).content.decode()
    assert "相談窓口 新宿区のご案内" in body and "相談窓口 文京区のご案内" in body


@pytest.mark.parametrize("view", ["wagtailadmin_pages:edit", "wagtailadmin_pages:history",
                                  "wagtailadmin_pages:delete", "wagtailadmin_pages:unpublish",
                                  "wagtailadmin_pages:move", "wagtailadmin_pages:copy",
                                  "wagtailadmin_pages:add_subpage", "wagtailadmin_pages:lock"])
def test_views_on_another_municipalitys_page_are_refused(as_shinjuku, pages, view):
    page = pages["bunkyo_live"]
    method = as_shinjuku.post if view.endswith(":lock") else as_shinjuku.get
    response = method(reverse(view, args=[page.pk]))
    assert refused(response), (view, response.status_code)
    assert "相談窓口 文京区のご案内" not in response.content.decode()


def test_editing_and_publishing_another_municipalitys_page_changes_nothing(as_shinjuku, pages):
    page = pages["bunkyo_live"]
    response = as_shinjuku.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {
        "title": "乗っ取り", "slug": page.slug, "intro": "", "body-count": "0", "action-publish": "1",
    })
    assert refused(response)
    page.refresh_from_db()
    assert page.title == "相談窓口 文京区のご案内" and page.revisions.count() == 1


def test_deleting_or_moving_another_municipalitys_page_is_refused(as_shinjuku, shinjuku, pages):
    page = pages["bunkyo_live"]
    assert refused(as_shinjuku.post(reverse("wagtailadmin_pages:delete", args=[page.pk])))
    assert refused(as_shinjuku.post(
        reverse("wagtailadmin_pages:move_confirm", args=[page.pk, shinjuku.root_page.pk])))
    page.refresh_from_db()
    assert page.get_parent().slug == "bunkyo"


def test_coordinator_edits_and_publishes_own_page(as_shinjuku, pages):
    page = pages["shinjuku_live"]
    response = as_shinjuku.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {
        "title": "相談窓口 新宿区のご案内（更新）", "slug": page.slug, "intro": "電話でも相談できます。",
        "body-count": "0", "action-publish": "1",
    })
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "相談窓口 新宿区のご案内（更新）" and page.live


def test_coordinator_adds_a_page_in_own_subtree_but_not_elsewhere(as_shinjuku, shinjuku, bunkyo):
    def add(parent):
        return as_shinjuku.post(
            reverse("wagtailadmin_pages:add", args=["cms", "standardpage", parent.pk]),
            {"title": "居場所のご案内", "slug": "ibasho", "intro": "", "body-count": "0",
             "action-publish": "1"})

    assert add(shinjuku.root_page).status_code == 302
    assert Page.objects.child_of(shinjuku.root_page).filter(slug="ibasho", live=True).exists()
    assert refused(add(bunkyo.root_page))
    assert not Page.objects.child_of(bunkyo.root_page).filter(slug="ibasho").exists()


def test_municipality_root_page_cannot_be_deleted_even_by_its_coordinator(as_shinjuku, shinjuku):
    response = as_shinjuku.post(reverse("wagtailadmin_pages:delete", args=[shinjuku.root_page.pk]))
    assert response.status_code in (302, 403)
    assert Page.objects.filter(pk=shinjuku.root_page.pk, live=True).exists()


class TestPageChooser:
    def test_browsing_lists_other_municipalities_live_pages_but_not_drafts(self, as_shinjuku, bunkyo, pages):
        draft_change(pages["bunkyo_live"], "未公開の新しい題名")
        response = as_shinjuku.get(reverse("wagtailadmin_choose_page_child", args=[bunkyo.root_page.pk]))
        assert response.status_code == 200
        body = response.json()["html"]
        assert "文京区" in body  # the live parent is offered for links
        assert "相談窓口 文京区の準備中ページ" not in body
        assert "未公開の新しい題名" not in body

    def test_browsing_another_municipality_shows_its_published_pages(self, as_shinjuku, bunkyo, pages):
        body = as_shinjuku.get(
            reverse("wagtailadmin_choose_page_child", args=[bunkyo.root_page.pk])).json()["html"]
        assert "相談窓口 文京区のご案内" in body

    def test_browsing_into_another_municipalitys_draft_is_refused(self, as_shinjuku, pages):
        response = as_shinjuku.get(
            reverse("wagtailadmin_choose_page_child", args=[pages["bunkyo_draft"].pk]))
        assert refused(response)
        assert "準備中" not in response.content.decode()

    def test_search_never_offers_another_municipalitys_drafts(self, as_shinjuku, pages):
        draft_change(pages["bunkyo_live"], "相談窓口 未公開の新しい題名")
        body = as_shinjuku.get(reverse("wagtailadmin_choose_page_search"), {"q": "相談窓口"}).content.decode()
        assert "相談窓口 新宿区のご案内" in body
        assert "準備中" not in body and "未公開" not in body

    def test_own_drafts_are_offered(self, as_shinjuku, shinjuku):
        add_page(shinjuku.root_page, "新宿区の準備中ページ", "shinjuku-draft", publish=False)
        body = as_shinjuku.get(
            reverse("wagtailadmin_choose_page_child", args=[shinjuku.root_page.pk])).json()["html"]
        assert "新宿区の準備中ページ" in body


def test_coordinator_moves_own_page_within_own_space_through_the_guarded_confirmation(as_shinjuku, shinjuku, pages):
    page = pages["shinjuku_live"]
    section = add_page(shinjuku.root_page, "相談のご案内", "soudan")
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, section.pk])
    confirmation = as_shinjuku.get(url)
    assert confirmation.status_code == 200 and "相談窓口 新宿区のご案内" in confirmation.content.decode()
    assert as_shinjuku.post(url).status_code == 302
    page.refresh_from_db()
    assert page.get_parent().pk == section.pk


def test_chosen_multiple_returns_own_drafts_but_never_another_municipalitys(as_shinjuku, shinjuku, pages):
    own_draft = add_page(shinjuku.root_page, "新宿区 準備中のご案内", "shinjuku-draft", publish=False)
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    body = as_shinjuku.get(f"{url}?id={own_draft.pk}&id={pages['bunkyo_draft'].pk}&id=x").json()
    titles = [item["adminTitle"] for item in body["result"]]
    assert titles == ["新宿区 準備中のご案内"]
