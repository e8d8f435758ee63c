"""Where each date and datetime field of the admin is typed into, by whom, and how to read back
what was saved. `test_dates_in_browser` drives it; `tests/tenants/test_admin_date_fields.py`
walks the admin's forms and fails when a field has no entry here."""

import datetime
from dataclasses import dataclass, field
from typing import Callable

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder


@dataclass
class Entry:
    key: str                       # what the walk calls the form
    role: str                      # demo user who types
    url: Callable                  # world -> the form's URL (asked before every save)
    fields: list                   # [(input name, "date" | "datetime")], in the order their dates must run
    read: Callable                 # world -> {input name: saved value} after a save
    button: str                    # the submit button's accessible name
    first_day: datetime.date       # the first date typed; later saves and fields go forward from it
    extra: Callable = None         # (page, world, n) -> fill the form's other fields for the n-th save
    reset: Callable = None         # world -> undo a one-way action before the next save
    covers: list = field(default_factory=list)  # further walk keys this entry's fields stand for


def edit_url(user_name):
    def url(obj):
        from django.contrib.auth import get_user_model

        return AdminURLFinder(get_user_model().objects.get(username=user_name)).get_edit_url(obj)
    return url


def latest(obj):
    """A draft's values live in its newest revision, not (yet) in the row."""
    obj = type(obj).objects.get(pk=obj.pk)  # refresh_from_db would set a protected FSM field
    revision = getattr(obj, "latest_revision", None)
    return revision.as_object() if revision is not None else obj


def values(obj, names):
    return {name: getattr(obj, name) for name in names}


def build_world():
    """The objects the forms edit: the demo's, plus what it lacks."""
    from agreements.models import Agreement, Prospect, SiteVisit
    from cms.models import NewsPage
    from network.models import CaseReview, ConsultationWindow, MeetingPage, Organisation, PlatformMembership
    from tenants.models import Municipality
    from training.models import ConsultationRequest, Event

    shinjuku = Municipality.objects.get(slug="shinjuku")
    world = type("World", (), {})()
    world.agreement = Agreement.objects.filter(terminated_on__isnull=True, renewed_by__isnull=True).first()
    world.renewed_organisation = world.agreement.organisation
    world.terminated = (Agreement.objects.filter(terminated_on__isnull=True, renewed_by__isnull=True)
                        .exclude(organisation=world.renewed_organisation).first())
    world.prospect = Prospect.objects.first()
    world.site_visit = SiteVisit.objects.first()
    world.tokyo_event = Event.objects.filter(municipality__isnull=True).first()
    world.portal_news = NewsPage.objects.exclude(url_path__contains="/shinjuku/").first()
    world.window = ConsultationWindow.objects.filter(municipality=shinjuku).first()
    world.organisation = Organisation.objects.get(name="育て上げネット")
    world.membership = PlatformMembership.objects.filter(municipality=shinjuku).first()
    world.meeting = MeetingPage.objects.live().filter(url_path__contains="/shinjuku/").first()
    world.case = CaseReview.objects.filter(municipality=shinjuku).first()
    world.consultation = ConsultationRequest.objects.get(expert__user__username="expert", state="assigned")
    world.consultation_state = world.consultation.state
    world.request_floor = ConsultationRequest.objects.latest("pk").pk
    return world


def local(value):
    return timezone.localtime(value).replace(tzinfo=None) if isinstance(value, datetime.datetime) else value


def _renewal_number(page, world, n):
    page.get_by_label("新しい協定番号").fill(f"R-TEST-{n}")


def _newest_agreement(world):
    from agreements.models import Agreement

    return Agreement.objects.filter(organisation=world.renewed_organisation).latest("pk")


def _unterminate(world):
    type(world.terminated).objects.filter(pk=world.terminated.pk).update(terminated_on=None)


def _termination_reason(page, world, n):
    page.get_by_label("理由").fill("団体の解散のため")


def _action_text(page, world, n):
    form = page.locator("form.add-action")
    form.locator("select[name=member]").select_option(index=1)
    form.locator("textarea[name=action]").fill(f"家族会への参加を案内する（{n}回目）")


def _newest_action(world):
    return world.case.actions.latest("pk")


def _consent_form(page, world, n):
    page.locator("input[name=given_by]").first.check()
    page.locator("input[name=items]").first.check()
    page.locator("input[name=recipients]").first.check()
    page.locator("textarea[name=purpose]").fill("支援方針の共有のため")
    page.locator("input[name=scan]").set_input_files(
        {"name": "doui.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 signed consent"})


def _newest_consent(world):
    return world.case.consents.latest("pk")


def _request_form(page, world, n):
    page.get_by_label("相談内容").fill(f"利用者とのトラブルの法的リスクについて {n}")
    page.get_by_label("経緯・背景").fill("居場所の利用者との間で起きた行き違いについて相談したい。")


def _newest_request(world):
    from training.models import ConsultationRequest

    return ConsultationRequest.objects.filter(organisation=world.organisation).latest("pk")


def _forget_request(world):
    """Keeps the group under its yearly limit of requests."""
    from training.models import ConsultationRequest

    ConsultationRequest.objects.filter(pk__gt=world.request_floor).delete()


def _back_to_assigned(world):
    type(world.consultation).objects.filter(pk=world.consultation.pk).update(
        state=world.consultation_state, proposed_at=None)


def plan():
    tokyo, shinjuku = edit_url("tokyo"), edit_url("shinjuku")
    return [
        Entry("agreements.Agreement", "tokyo", lambda w: tokyo(w.agreement),
              [("signed_on", "date"), ("valid_from", "date"), ("valid_until", "date")],
              lambda w: values(latest(w.agreement), ["signed_on", "valid_from", "valid_until"]),
              "保存", datetime.date(2027, 1, 4)),
        Entry("agreements.Prospect", "tokyo", lambda w: tokyo(w.prospect), [("next_step_on", "date")],
              lambda w: values(latest(w.prospect), ["next_step_on"]), "保存", datetime.date(2027, 2, 1)),
        Entry("agreements.SiteVisit", "tokyo", lambda w: tokyo(w.site_visit), [("visited_on", "date")],
              lambda w: values(latest(w.site_visit), ["visited_on"]), "保存", datetime.date(2026, 6, 1)),
        Entry("training.Event", "tokyo", lambda w: tokyo(w.tokyo_event), [("deadline", "datetime")],
              lambda w: values(latest(w.tokyo_event), ["deadline"]), "保存", datetime.date(2027, 3, 1)),
        Entry("cms.NewsPage", "tokyo", lambda w: tokyo(w.portal_news),
              [("date", "date"), ("go_live_at", "datetime"), ("expire_at", "datetime")],
              lambda w: values(latest(w.portal_news), ["date", "go_live_at", "expire_at"]),
              "下書きを保存", datetime.date(2027, 4, 5), covers=["wagtailcore.Page"]),
        Entry("network.Organisation", "tokyo", lambda w: tokyo(w.organisation),
              [("go_live_at", "datetime"), ("expire_at", "datetime")],
              lambda w: values(latest(w.organisation), ["go_live_at", "expire_at"]),
              "下書きを保存", datetime.date(2027, 5, 10)),
        Entry("agreements.forms.RenewForm", "tokyo",
              lambda w: reverse("agreement_renew", args=[_newest_agreement(w).pk]),
              [("signed_on", "date"), ("valid_from", "date"), ("valid_until", "date")],
              lambda w: values(_newest_agreement(w), ["signed_on", "valid_from", "valid_until"]),
              "協定の更新", datetime.date(2029, 1, 8), extra=_renewal_number),
        Entry("agreements.forms.TerminateForm", "tokyo",
              lambda w: reverse("agreement_terminate", args=[w.terminated.pk]), [("on", "date")],
              lambda w: {"on": type(w.terminated).objects.get(pk=w.terminated.pk).terminated_on},
              "協定の解除", datetime.date(2027, 6, 1), extra=_termination_reason, reset=_unterminate),
        Entry("network.ConsultationWindow", "shinjuku", lambda w: shinjuku(w.window),
              [("go_live_at", "datetime"), ("expire_at", "datetime")],
              lambda w: values(latest(w.window), ["go_live_at", "expire_at"]),
              "下書きを保存", datetime.date(2027, 7, 5)),
        Entry("network.PlatformMembership", "shinjuku", lambda w: shinjuku(w.membership),
              [("joined_on", "date"), ("left_on", "date")],
              lambda w: values(latest(w.membership), ["joined_on", "left_on"]), "保存", datetime.date(2025, 4, 1)),
        Entry("network.MeetingPage", "shinjuku", lambda w: shinjuku(w.meeting),
              [("starts_at", "datetime"), ("ends_at", "datetime")],
              lambda w: values(latest(w.meeting), ["starts_at", "ends_at"]),
              "下書きを保存", datetime.date(2027, 8, 2)),
        Entry("network.cases.forms.CaseForm", "shinjuku", lambda w: reverse("case_edit", args=[w.case.pk]),
              [("held_on", "date"), ("next_review_on", "date")],
              lambda w: values(type(w.case).objects.get(pk=w.case.pk), ["held_on", "next_review_on"]),
              "保存", datetime.date(2026, 5, 11)),
        Entry("network.cases.forms.AgreedActionForm", "shinjuku", lambda w: reverse("case_detail", args=[w.case.pk]),
              [("due_on", "date")], lambda w: values(_newest_action(w), ["due_on"]), "追加",
              datetime.date(2027, 1, 11), extra=_action_text),
        Entry("network.cases.forms.ConsentForm", "shinjuku", lambda w: reverse("consent_new", args=[w.case.pk]),
              [("given_on", "date")], lambda w: values(_newest_consent(w), ["given_on"]), "保存",
              datetime.date(2026, 4, 6), extra=_consent_form),
        Entry("training.expertbank.forms.RequestForm", "partner", lambda w: reverse("consultation_new"),
              [("preferred_1", "datetime"), ("preferred_2", "datetime"), ("preferred_3", "datetime")],
              lambda w: values(_newest_request(w), ["preferred_1", "preferred_2", "preferred_3"]),
              "依頼を送信する", datetime.date(2027, 9, 6), extra=_request_form, reset=_forget_request),
        Entry("training.expertbank.forms.ActionForm", "expert", lambda w: reverse("consultation_detail", args=[w.consultation.pk]),
              [("when", "datetime")],
              lambda w: {"when": type(w.consultation).objects.get(pk=w.consultation.pk).proposed_at},
              "別の日時を提案する", datetime.date(2027, 10, 4), reset=_back_to_assigned),
    ]
