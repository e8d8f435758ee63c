"""Shared builders for the partner-group profile tests."""

from django.urls import reverse

from network.models import Organisation, SupportType


def url(view, *args):
    return reverse(f"wagtailsnippets_network_organisation:{view}", args=args)


def make_organisation(name, kana, description="", publish=True, **fields):
    organisation = Organisation.objects.create(name=name, name_kana=kana, description=description,
                                               live=False, **fields)
    revision = organisation.save_revision()
    if publish:
        revision.publish()
    organisation.refresh_from_db()
    return organisation


def form_data(organisation, **overrides):
    data = {
        "name": organisation.name, "name_kana": organisation.name_kana, "legal_form": organisation.legal_form,
        "kind": organisation.kind, "min_age": "", "max_age": "", "activity_days": organisation.activity_days,
        "activity_places": organisation.activity_places, "phone": organisation.phone, "email": organisation.email,
        "url": organisation.url, "description": organisation.description, "logo": "",
        "support_types": [SupportType.objects.first().pk],
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "6",
    }
    data.update(overrides)
    return data
