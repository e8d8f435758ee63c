"""The shared search backend: what reaches the full-text engine is only words (issue 18)."""

import pytest
from wagtail.documents.models import Document
from wagtail.search.backends import get_search_backend

from agreements.models import Agreement
from tenants.search_backend import MAX_QUERY_LENGTH, MAX_TERMS, clean_query
from tests.trust.hostile import HOSTILE


@pytest.mark.parametrize("text,cleaned", [
    ('"', ""), ("NEAR(a b, 2)", "NEAR a b 2"), ("title: x", "title x"), ("支", "支"), ("🙂", ""),
    ("子育て支援", "子育て支援"), (" \u3000 ", ""),
])
def test_only_words_reach_the_engine(text, cleaned):
    assert clean_query(text) == cleaned


def test_long_queries_are_capped():
    assert len(clean_query("支" * 10_000)) == MAX_QUERY_LENGTH
    assert len(clean_query("a " * 1000).split()) == MAX_TERMS


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_every_hostile_input_searches_documents_without_error(name):
    Document.objects.create(title="支援の手引き")
    backend = get_search_backend()
    assert isinstance(list(backend.search(HOSTILE[name], Document)), list)
    assert isinstance(list(backend.autocomplete(HOSTILE[name], Document)), list)


@pytest.mark.django_db
@pytest.mark.parametrize("query,expected", [
    ("2026", ["協定-2026-007"]), ("007", ["協定-2026-007"]), ("協定-2026-007", ["協定-2026-007"]),
    ("協定", ["協定-2025-001", "協定-2026-007"]), ("2024", []),
])
def test_a_search_naming_its_fields_finds_on_every_database(query, expected):
    """The agreement list names its search fields; on SQLite that failed for every query, on
    PostgreSQL a search for the year never found 協定-2026-007."""
    from agreements.viewsets import AgreementViewSet
    from network.models import Organisation

    organisation = Organisation.objects.create(name="テスト団体")
    Agreement.objects.create(number="協定-2026-007", organisation=organisation, signed_on="2026-03-20", valid_from="2026-04-01")
    Agreement.objects.create(number="協定-2025-001", organisation=organisation, signed_on="2025-03-20", valid_from="2025-04-01")
    found = get_search_backend().autocomplete(query, Agreement.objects.all(), fields=AgreementViewSet.search_fields)
    assert sorted(a.number for a in found) == expected


def test_the_agreement_list_finds_a_number_by_its_year(as_metro, db):
    from network.models import Organisation

    organisation = Organisation.objects.create(name="テスト団体")
    Agreement.objects.create(number="協定-2026-007", organisation=organisation, signed_on="2026-03-20", valid_from="2026-04-01")
    Agreement.objects.create(number="協定-2025-001", organisation=organisation, signed_on="2025-03-20", valid_from="2025-04-01")
    body = as_metro.get("/admin/snippets/agreements/agreement/", {"q": "2026"}).content.decode()
    assert "協定-2026-007" in body and "協定-2025-001" not in body


@pytest.mark.django_db
def test_a_query_with_no_words_finds_nothing_and_names_its_model():
    Document.objects.create(title="支援の手引き")
    results = get_search_backend().autocomplete('"*"', Document.objects.all())
    assert list(results) == [] and results.model is Document
