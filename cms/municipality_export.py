"""One municipality's data as JSON (`manage.py export_municipality <slug>`): what a municipality
may take with it or hand to an auditor, without anyone else's rows.

Included: the municipality, its consultation windows, platform members, organisations based
there, its events with their sessions and applications (statistical fields only; applicants'
names, furigana, phone numbers and emails only with include_personal_data), and the metadata of
its pages, documents and images (titles, paths, dates; not the files).

Never included: case reviews, their participants, actions, consents, referrals and read log.
They are confidential, their text is encrypted with TSUNAGU_CASE_KEYS, and they leave the system
only inside the full, encrypted database backup (docs/operations.md)."""

from django.core import serializers
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from network.models import ConsultationWindow, Organisation, PlatformMembership
from tenants.models import Municipality
from training.models import Application, Event, Preference, Session

FORMAT = "tsunagu-municipality-export/1"
APPLICANT_PERSONAL_FIELDS = ("name", "name_kana", "phone", "phone_digits", "email")
EXCLUDED = ("network.CaseReview, network.AgreedAction, network.Consent, network.Referral, "
            "network.ReferralHistory, network.CaseAccessLog: confidential and encrypted; "
            "only in the full database backup")


def _rows(queryset, exclude=()):
    rows = serializers.serialize("python", queryset)
    for row in rows:
        for field in exclude:
            row["fields"].pop(field, None)
    return rows


def _page_metadata(root):
    pages = Page.objects.descendant_of(root, inclusive=True).specific(defer=True).order_by("path")
    restricted = set(root.get_descendants(inclusive=True).filter(view_restrictions__isnull=False)
                     .values_list("pk", flat=True))
    return [{
        "id": page.pk, "type": page.specific_class._meta.label if page.specific_class else None,
        "title": page.title, "slug": page.slug, "url_path": page.url_path, "depth": page.depth,
        "live": page.live, "has_unpublished_changes": page.has_unpublished_changes,
        "first_published_at": page.first_published_at, "last_published_at": page.last_published_at,
        "latest_revision_created_at": page.latest_revision_created_at,
        "view_restricted_here": page.pk in restricted,
    } for page in pages]


def _media_metadata(model, collections):
    return [{"id": item.pk, "title": item.title, "file": item.file.name, "collection": item.collection_id,
             "created_at": item.created_at}
            for item in model.objects.filter(collection__in=collections).order_by("pk")]


def export(municipality, include_personal_data=False):
    """A JSON-serialisable dict (dates as datetime objects: dump with DjangoJSONEncoder)."""
    if isinstance(municipality, str):
        municipality = Municipality.objects.get(slug=municipality)
    events = Event.objects.filter(municipality=municipality).order_by("pk")
    applications = Application.objects.filter(event__in=events).order_by("pk")
    collections = (Collection.objects.descendant_of(municipality.collection, inclusive=True)
                   if municipality.collection_id else Collection.objects.none())
    return {
        "format": FORMAT,
        "exported_at": timezone.now(),
        "municipality": _rows([municipality])[0],
        "personal_data_included": include_personal_data,
        "consultation_windows": _rows(ConsultationWindow.objects.filter(municipality=municipality).order_by("pk")),
        "platform_members": _rows(PlatformMembership.objects.filter(municipality=municipality).order_by("pk")),
        "organisations": _rows(Organisation.objects.filter(base_municipality=municipality).order_by("pk")),
        "events": _rows(events),
        "sessions": _rows(Session.objects.filter(event__in=events).order_by("pk")),
        "applications": _rows(applications, exclude=() if include_personal_data else APPLICANT_PERSONAL_FIELDS),
        "preferences": _rows(Preference.objects.filter(application__in=applications).order_by("pk")),
        "pages": _page_metadata(municipality.root_page) if municipality.root_page_id else [],
        "documents": _media_metadata(get_document_model(), collections),
        "images": _media_metadata(get_image_model(), collections),
        "not_exported": EXCLUDED,
    }
