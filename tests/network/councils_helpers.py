"""Councils and meetings for tests, published as an approved revision would be."""

import datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from network.models import CouncilIndexPage, CouncilPage, MeetingPage
from tenants.provisioning import members_collection

JST = ZoneInfo("Asia/Tokyo")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def council_index(municipality):
    existing = CouncilIndexPage.objects.child_of(municipality.root_page).first()
    if existing:
        return existing
    return publish(municipality.root_page.add_child(instance=CouncilIndexPage(
        title="会議・協議会", slug="kaigi", live=False)))


def council(municipality, title=None, slug="kyogikai", members_only=False, **fields):
    index = council_index(municipality)
    return publish(index.add_child(instance=CouncilPage(
        title=title or f"{municipality.name}ひきこもり支援協議会", slug=slug, kind="council", live=False,
        purpose="関係機関の連携と支援のあり方を協議する。", cadence="年2回", members_only=members_only,
        **fields)))


def meeting(parent, number, title, starts_at, members_only=False, publish_it=True, **fields):
    fields.setdefault("ends_at", starts_at + datetime.timedelta(hours=2))
    page = parent.add_child(instance=MeetingPage(
        title=title, slug=f"dai{number}kai", number=number, starts_at=starts_at,
        members_only=members_only, live=False, **fields))
    return publish(page) if publish_it else page


def days_ahead(days, hour=14, minute=0):
    today = datetime.datetime.now(JST).date() + datetime.timedelta(days=days)
    return datetime.datetime(today.year, today.month, today.day, hour, minute, tzinfo=JST)


def document(collection, title, content=b"%PDF-1.4 minutes", filename="shiryo.pdf"):
    return Document.objects.create(title=title, collection=collection,
                                   file=ContentFile(content, name=filename))


def members_document(municipality, title, **kwargs):
    return document(members_collection(municipality), title, **kwargs)
