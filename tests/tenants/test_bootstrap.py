from django.contrib.auth.models import Group
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from cms.bootstrap import bootstrap_tokyo
from cms.models import HomePage, MunicipalityPage
from tenants.models import Municipality
from tenants.roles import GLOBAL_GROUP_NAMES


def snapshot():
    return {
        "municipalities": Municipality.objects.count(),
        "municipality_pages": MunicipalityPage.objects.count(),
        "pages": Page.objects.count(),
        "groups": Group.objects.count(),
        "collections": Collection.objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
        "collection_permissions": GroupCollectionPermission.objects.count(),
        "sites": Site.objects.count(),
    }


def test_bootstrap_creates_62_spaces_with_their_own_groups_pages_and_collections(tokyo):
    assert len(tokyo) == 62
    assert HomePage.objects.count() == 1
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    for municipality in tokyo.values():
        page = municipality.root_page.specific
        assert isinstance(page, MunicipalityPage) and page.live
        assert page.slug == municipality.slug and page.title == municipality.name
        assert municipality.collection.name == municipality.name
        coordinators = municipality.coordinators_group
        assert GroupPagePermission.objects.filter(group=coordinators, page=page).count() == 5
        assert GroupCollectionPermission.objects.filter(
            group=coordinators, collection=municipality.collection).count() == 6
        # Nothing granted to this municipality's coordinators anywhere else.
        assert not GroupPagePermission.objects.filter(group=coordinators).exclude(page=page).exists()
    for name in GLOBAL_GROUP_NAMES.values():
        assert Group.objects.filter(name=name).count() == 1
    assert Group.objects.count() == 62 * 2 + len(GLOBAL_GROUP_NAMES)
    # Wagtail's default groups (rights over every page and collection) are gone.
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_bootstrap_run_twice_changes_nothing(tokyo):
    before = snapshot()
    report = bootstrap_tokyo()
    assert (report.municipalities_created, report.municipalities_updated) == (0, 0)
    assert report.pages_created == [] and not report.home_created
    assert snapshot() == before
    assert before["municipalities"] == 62 and before["municipality_pages"] == 62


def test_bootstrap_restores_a_municipality_whose_names_were_edited(tokyo):
    shinjuku = tokyo["shinjuku"]
    Municipality.objects.filter(pk=shinjuku.pk).update(name_kana="まちがい")
    report = bootstrap_tokyo()
    assert report.municipalities_updated == 1
    assert Municipality.objects.get(pk=shinjuku.pk).name_kana == "しんじゅくく"


def test_municipalities_are_ordered_by_code(tokyo):
    codes = list(Municipality.objects.values_list("code", flat=True))
    assert codes == sorted(codes)
    assert codes[0] == "131016" and Municipality.objects.first().name == "千代田区"
    areas = {area: Municipality.objects.filter(area=area).count() for area in ("区部", "多摩", "島しょ")}
    assert areas == {"区部": 23, "多摩": 30, "島しょ": 9}
