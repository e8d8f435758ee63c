"""Fail-loud tenant scoping (tenants/scoping.py): a tenant-owned model queried in a request that
opened no scope raises; a scope narrows the default manager to its municipalities."""

import datetime

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from network.models import CaseAccessLog, CaseReview, ConsultationWindow, PlatformMembership
from tenants import scoping
from tenants.scoping import ScopeError
from training.models import Event

from .helpers import refused

TENANT_OWNED = [ConsultationWindow, PlatformMembership, CaseReview, CaseAccessLog, Event]


def event(municipality, title, **fields):
    return Event.objects.create(kind="training", title=title, municipality=municipality, venue="会場",
                                deadline=timezone.now() + datetime.timedelta(days=7), **fields)


@pytest.fixture
def rows(shinjuku, bunkyo):
    return {
        "shinjuku_window": ConsultationWindow.objects.create(municipality=shinjuku, name="新宿の窓口"),
        "bunkyo_window": ConsultationWindow.objects.create(municipality=bunkyo, name="文京の窓口"),
        "shinjuku_member": PlatformMembership.objects.create(municipality=shinjuku, name="新宿福祉課",
                                                             role="department"),
        "bunkyo_member": PlatformMembership.objects.create(municipality=bunkyo, name="文京福祉課",
                                                           role="department"),
        "shinjuku_event": event(shinjuku, "新宿の研修"),
        "bunkyo_event": event(bunkyo, "文京の研修"),
        "tokyo_event": event(None, "都の研修"),
    }


def in_a_request(view):
    """Run `view(request)` the way a request does: through the scoping middleware."""
    request = RequestFactory().get("/")
    return scoping.ScopeMiddleware(view)(request)


@pytest.mark.parametrize("model", TENANT_OWNED, ids=lambda m: m.__name__)
def test_an_unscoped_query_in_a_request_raises(db, model):
    def forgetful_view(request):
        return HttpResponse(str(list(model.objects.all())))

    with pytest.raises(ScopeError) as raised:
        in_a_request(forgetful_view)
    assert model._meta.label in str(raised.value)
    assert "scoping.scope(" in str(raised.value)


def test_a_reverse_relation_in_a_request_raises_too(shinjuku):
    with pytest.raises(ScopeError, match="network.ConsultationWindow"):
        in_a_request(lambda request: HttpResponse(str(list(shinjuku.consultation_windows.all()))))


def test_a_view_that_opens_a_scope_queries(rows, shinjuku):
    @scoping.scoped_view(lambda request: scoping.scope({shinjuku.pk}))
    def view(request):
        return HttpResponse(",".join(w.name for w in ConsultationWindow.objects.all()))

    assert in_a_request(view).content.decode() == "新宿の窓口"


def test_outside_a_request_queries_work_unscoped(rows):
    assert ConsultationWindow.objects.filter(pk=rows["bunkyo_window"].pk).exists()
    assert PlatformMembership.objects.filter(name__in=["新宿福祉課", "文京福祉課"]).count() == 2


def test_a_scope_returns_only_its_municipalitys_rows_and_tokyo_wide_events(rows, shinjuku):
    with scoping.scope({shinjuku.pk}):
        assert set(ConsultationWindow.objects.values_list("municipality", flat=True)) == {shinjuku.pk}
        assert set(PlatformMembership.objects.values_list("municipality", flat=True)) == {shinjuku.pk}
        titles = set(Event.objects.values_list("title", flat=True))
        assert {"新宿の研修", "都の研修"} <= titles and "文京の研修" not in titles
        assert list(shinjuku.consultation_windows.all()) == [rows["shinjuku_window"]]
        # The models' own manager methods stay, and are scoped too.
        rows["bunkyo_window"].save_revision().publish()
        rows["shinjuku_window"].save_revision().publish()
        assert list(ConsultationWindow.objects.live()) == [ConsultationWindow._base_manager.get(
            pk=rows["shinjuku_window"].pk)]


def test_forward_foreign_keys_and_saves_use_the_unscoped_base_manager(rows, shinjuku):
    with scoping.scope({shinjuku.pk}):
        bunkyo_window = ConsultationWindow._base_manager.get(pk=rows["bunkyo_window"].pk)
        bunkyo_window.name = "文京の窓口（改）"
        bunkyo_window.save()
    assert ConsultationWindow.objects.get(pk=bunkyo_window.pk).name == "文京の窓口（改）"


def test_everywhere_sees_every_municipality(rows):
    with scoping.request_scope(), scoping.everywhere():
        assert ConsultationWindow.objects.filter(name__in=["新宿の窓口", "文京の窓口"]).count() == 2


def test_the_manager_leaves_migrations_alone():
    from django.db.migrations.state import ModelState

    for model in TENANT_OWNED:
        assert ModelState.from_model(model).managers == []
        assert not type(model._base_manager).__name__.startswith("Scoped")


def snippet_url(view, *args):
    return reverse(f"wagtailsnippets_network_consultationwindow:{view}", args=args)


def test_another_municipalitys_coordinator_cannot_open_or_change_a_window(as_bunkyo, rows):
    window = rows["shinjuku_window"]
    for view in ("edit", "inspect", "history", "delete"):
        response = as_bunkyo.get(snippet_url(view, window.pk))
        assert response.status_code == 404 or refused(response), (view, response.status_code)
        assert "新宿の窓口" not in response.content.decode()
    response = as_bunkyo.post(snippet_url("edit", window.pk), {"name": "乗っ取り", "municipality": window.municipality_id})
    assert response.status_code == 404 or refused(response)
    window.refresh_from_db()
    assert window.name == "新宿の窓口"


def test_the_metropolitan_coordinator_sees_every_window(as_metro, rows):
    body = as_metro.get(snippet_url("list")).content.decode()
    assert "新宿の窓口" in body and "文京の窓口" in body
    assert as_metro.get(snippet_url("edit", rows["bunkyo_window"].pk)).status_code == 200
