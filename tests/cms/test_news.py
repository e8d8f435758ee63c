"""News at portal and municipality level: the aggregated list, its filters, feeds, and who edits."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from cms.models import NewsIndexPage, NewsPage
from tests.tenants.helpers import refused

ATOM = "{http://www.w3.org/2005/Atom}"


def add_news(parent, title, slug, category, publish=True, day=1):
    index = parent.get_children().type(NewsIndexPage).first()
    if index is None:
        index = parent.add_child(instance=NewsIndexPage(title="お知らせ", slug="news"))
    item = index.add_child(instance=NewsPage(title=title, slug=slug, category=category, live=False,
                                             date=datetime.date(2026, 11, day), intro=f"{title}の概要"))
    revision = item.save_revision()
    if publish:
        revision.publish()
    return item


@pytest.fixture
def news(tokyo, shinjuku, bunkyo):
    home = shinjuku.root_page.get_parent()
    return {
        "portal": add_news(home, "サポートネットからのお知らせ", "sn", "supportnet", day=3),
        "shinjuku": add_news(shinjuku.root_page, "新宿区の講演会", "lecture", "municipality", day=2),
        "bunkyo": add_news(bunkyo.root_page, "文京区の窓口案内", "window", "municipality", day=1),
        "draft": add_news(bunkyo.root_page, "文京区の未公開記事", "draft", "event", publish=False),
    }


def test_portal_list_aggregates_all_published_news_newest_first(client, news):
    body = client.get("/news/").content.decode()
    assert body.index("サポートネットからのお知らせ") < body.index("新宿区の講演会") < body.index("文京区の窓口案内")
    assert "文京区の未公開記事" not in body
    assert "2026年11月3日（火）" in body


@pytest.mark.parametrize(("query", "present", "absent"), [
    ("category=municipality", ["新宿区の講演会", "文京区の窓口案内"], ["サポートネットからのお知らせ"]),
    ("municipality=bunkyo", ["文京区の窓口案内"], ["新宿区の講演会", "サポートネットからのお知らせ"]),
    ("category=supportnet&municipality=shinjuku", [], ["新宿区の講演会", "サポートネットからのお知らせ"]),
])
def test_portal_list_filters_by_category_and_municipality(client, news, query, present, absent):
    body = client.get(f"/news/?{query}").content.decode()
    for title in present:
        assert title in body
    for title in absent:
        assert f">{title}<" not in body


def test_municipality_news_lists_its_own(client, news):
    body = client.get("/shinjuku/news/").content.decode()
    assert "新宿区の講演会" in body and "文京区の窓口案内" not in body


def test_feeds_overall_and_per_municipality(client, news):
    atom = client.get(reverse("news_atom"))
    assert atom["Content-Type"].startswith("application/atom+xml")
    body = atom.content.decode()
    assert body.count("<entry>") == 3 and "文京区の未公開記事" not in body
    rss = client.get(reverse("news_rss_municipality", args=["shinjuku"])).content.decode()
    assert "<rss" in rss and "新宿区の講演会" in rss and "文京区" not in rss
    assert client.get("/feeds/news/nowhere/atom/").status_code == 404


def test_atom_published_is_the_news_date_and_updated_the_last_publication(client, news):
    """Published today with the date 2026-11-02: readers see the news date, in JST."""
    entries = ET.fromstring(client.get(reverse("news_atom_municipality", args=["shinjuku"])).content)
    entry = entries.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "新宿区の講演会"
    assert entry.find(f"{ATOM}published").text == "2026-11-02T00:00:00+09:00"
    updated = datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
    news["shinjuku"].refresh_from_db()
    assert updated == news["shinjuku"].last_published_at


def test_coordinators_edit_only_their_own_municipalitys_news(as_shinjuku, as_bunkyo, news):
    item = news["shinjuku"]
    assert as_shinjuku.get(reverse("wagtailadmin_pages:edit", args=[item.pk])).status_code == 200
    response = as_bunkyo.post(reverse("wagtailadmin_pages:edit", args=[item.pk]), {
        "title": "乗っ取り", "slug": item.slug, "date": "2026/11/02", "category": "municipality",
        "intro": "", "body-count": "0", "action-publish": "1"})
    assert refused(response)
    item.refresh_from_db()
    assert item.title == "新宿区の講演会"


def test_coordinator_publishes_news_with_a_japanese_date(as_shinjuku, shinjuku, news):
    index = shinjuku.root_page.get_children().type(NewsIndexPage).first()
    response = as_shinjuku.post(reverse("wagtailadmin_pages:add", args=["cms", "newspage", index.pk]), {
        "title": "家族向け相談会", "slug": "soudankai", "date": "2026年12月5日", "category": "event",
        "intro": "", "body-count": "0", "action-publish": "1"})
    assert response.status_code == 302
    item = NewsPage.objects.get(slug="soudankai")
    assert item.live and item.date == datetime.date(2026, 12, 5)
