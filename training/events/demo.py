"""Demo events from the Support Net's real FY2022 (令和4年度) schedule (seed 001,
training/data/supportnet_sessions_r4.csv), moved 261 weeks later so that they are upcoming and
fall on the same weekdays; plus a partner-group exchange meeting.
Idempotent."""

import csv
import datetime
from pathlib import Path

from django.utils import timezone

from tenants.demo_guard import demo_only

from . import services
from ..models import Event, Session

DATA = Path(__file__).resolve().parent.parent / "data" / "supportnet_sessions_r4.csv"
SHIFT = datetime.timedelta(weeks=261)  # FY2022 → FY2027, same weekdays
TITLES = {"weekday_individual": "平日個別相談会", "weekend_individual": "個別相談会（土日）",
          "family_seminar": "家族セミナー"}
AUDIENCES = {"family_seminar": Event.Audience.FAMILIES}
VENUES = {"足立": "東京都ひきこもりサポートネット 足立会場", "八王子": "東京都ひきこもりサポートネット 八王子会場"}
# Readings in full-width katakana, as the open data set's イベント名_カナ expects.
TITLE_KANA = {"weekday_individual": "ヘイジツコベツソウダンカイ", "weekend_individual": "コベツソウダンカイ（ドニチ）",
              "family_seminar": "カゾクセミナー"}
VENUE_KANA = {"足立": "アダチ", "八王子": "ハチオウジ"}
ADDRESSES = {"足立": "東京都足立区", "八王子": "東京都八王子市"}


def _aware(day, hhmm):
    hour, minute = map(int, hhmm.split(":"))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@demo_only
def load_demo_events():
    if Event.objects.filter(title__startswith="平日個別相談会").exists():
        return 0
    created = 0
    with DATA.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            day = datetime.date.fromisoformat(row["date"]) + SHIFT
            deadline = datetime.datetime.fromisoformat(row["deadline"]) + SHIFT
            online = None if "online: no cap" in row["capacity_per_slot"] else 0
            seats = int(row["capacity_per_slot"].split()[0])
            event = Event.objects.create(
                kind=row["kind"], title=f"{TITLES[row['kind']]} 第{row['round']}回（{row['venue']}）",
                title_kana=f"{TITLE_KANA[row['kind']]} ダイ{row['round']}カイ（{VENUE_KANA[row['venue']]}）",
                venue=VENUES.get(row["venue"], row["venue"]), address=ADDRESSES[row["venue"]], published=True,
                audience=AUDIENCES.get(row["kind"], Event.Audience.PUBLIC),
                deadline=timezone.make_aware(deadline),
                description="都内在住のひきこもりでお悩みのご本人・ご家族が対象です。事前予約制です。")
            for slot in row["time_slots"].split(";"):
                start, end = slot.split("-")
                Session.objects.create(event=event, starts_at=_aware(day, start), ends_at=_aware(day, end),
                                       capacity_in_person=seats, capacity_online=online)
            created += 1
    meeting_day = timezone.localdate() + datetime.timedelta(days=40)
    meeting = Event.objects.create(
        kind=Event.Kind.EXCHANGE_MEETING, title="連携団体交流会", title_kana="レンケイダンタイコウリュウカイ",
        venue="東京都庁 第一本庁舎", address="東京都新宿区西新宿2-8-1", published=True,
        audience=Event.Audience.PARTNER_GROUPS, application_method="連携団体のアカウントから", max_per_group=3,
        deadline=_aware(meeting_day - datetime.timedelta(days=7), "17:00"),
        description="連携団体同士の情報交換と、支援の事例共有を行います。")
    Session.objects.create(event=meeting, starts_at=_aware(meeting_day, "14:00"), ends_at=_aware(meeting_day, "16:30"),
                           capacity_in_person=60, capacity_online=None)
    first = Event.objects.filter(kind="weekday_individual").order_by("deadline").first()
    slot = first.sessions.order_by("starts_at").first()
    for n, (name, relation) in enumerate([("足立 一子", "parent"), ("千住 二郎", "sibling"), ("北千住 三枝", "parent")], 1):
        services.apply(first, [slot], name=name, name_kana="", phone=f"03-5555-{n:04d}", relation=relation,
                       person_age=20 + n * 5, channel="phone")
    return created + 1
