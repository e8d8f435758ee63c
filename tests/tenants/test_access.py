from tenants import access
from tenants.models import Municipality
from tenants.roles import Role


def test_municipal_coordinator_acts_for_their_municipality_only(shinjuku_coordinator, shinjuku, bunkyo):
    assert list(access.municipalities_for(shinjuku_coordinator)) == [shinjuku]
    assert access.can_act_for(shinjuku_coordinator, shinjuku)
    assert not access.can_act_for(shinjuku_coordinator, bunkyo)
    assert access.roles_for(shinjuku_coordinator, shinjuku) == {Role.MUNICIPAL_COORDINATOR}
    assert access.roles_for(shinjuku_coordinator, bunkyo) == set()
    assert not access.is_metro_coordinator(shinjuku_coordinator)


def test_metro_coordinator_acts_for_all_62(metro_coordinator, bunkyo):
    assert access.municipalities_for(metro_coordinator).count() == 62
    assert access.can_act_for(metro_coordinator, bunkyo)
    assert access.is_metro_coordinator(metro_coordinator)


def test_platform_member_reads_as_member_but_does_not_coordinate(shinjuku_member, shinjuku):
    assert list(access.municipalities_for(shinjuku_member, Role.PLATFORM_MEMBER)) == [shinjuku]
    assert not access.municipalities_for(shinjuku_member).exists()
    assert not access.can_act_for(shinjuku_member, shinjuku)


def test_partner_editor_and_anonymous_act_for_no_municipality(partner_editor, shinjuku):
    from django.contrib.auth.models import AnonymousUser

    for user in (partner_editor, AnonymousUser()):
        assert not access.municipalities_for(user).exists()
        assert not access.can_act_for(user, shinjuku)
    assert access.has_role(partner_editor, Role.PARTNER_EDITOR)
    assert not access.has_role(AnonymousUser(), Role.PARTNER_EDITOR)


def test_scope_filters_tenant_rows(shinjuku_coordinator, metro_coordinator, shinjuku):
    all_rows = Municipality.objects.all()
    assert list(access.scope(shinjuku_coordinator, all_rows, lookup="")) == [shinjuku]
    assert access.scope(metro_coordinator, all_rows, lookup="").count() == 62


def test_inactive_user_loses_every_grant(shinjuku_coordinator, shinjuku):
    shinjuku_coordinator.is_active = False
    access.forget(shinjuku_coordinator)
    assert not access.can_act_for(shinjuku_coordinator, shinjuku)


def test_municipality_of_page_finds_the_subtree_owner(shinjuku):
    from cms.models import StandardPage

    child = shinjuku.root_page.add_child(instance=StandardPage(title="相談のご案内", slug="soudan"))
    assert access.municipality_of_page(child) == shinjuku
    assert access.municipality_of_page(shinjuku.root_page.get_parent()) is None


def test_users_acting_for_a_municipality_is_the_reverse_of_municipalities_for(
        shinjuku_coordinator, bunkyo_coordinator, metro_coordinator, shinjuku_member, shinjuku):
    from django.contrib.auth import get_user_model

    from tenants.policies import MunicipalityScopedPolicy

    acting = set(get_user_model().objects.filter(access.users_acting_for(shinjuku)).distinct())
    assert {shinjuku_coordinator, metro_coordinator} <= acting
    assert bunkyo_coordinator not in acting and shinjuku_member not in acting
    editors = set(MunicipalityScopedPolicy(Municipality, lookup="")
                  .users_with_any_permission_for_instance(["change"], shinjuku))
    assert shinjuku_coordinator in editors and metro_coordinator in editors
    assert bunkyo_coordinator not in editors


def test_grants_are_read_with_two_queries_and_cached(shinjuku_coordinator, django_assert_num_queries):
    access.forget(shinjuku_coordinator)
    with django_assert_num_queries(2):
        access.grants(shinjuku_coordinator)
    with django_assert_num_queries(0):
        access.grants(shinjuku_coordinator)
