"""Demo councils for 新宿区 (the demo coordinator's and member's municipality): a public network
meeting with minutes laid out like published minutes (seed 004), its next meeting, a members-only
liaison meeting with a members-only document, and a meeting waiting for the metropolitan
coordinators' approval. Meeting dates are relative to today so that some are always upcoming.
Idempotent: pages are found by slug."""

import datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from tenants.demo_guard import demo_only
from tenants.models import Municipality
from tenants.provisioning import members_collection

from ..models import CouncilIndexPage, CouncilPage, MeetingPage, PlatformMembership

JST = ZoneInfo("Asia/Tokyo")

MEMBERS = [  # (name, role, listed publicly)
    ("新宿区 福祉部 生活福祉課", PlatformMembership.Role.DEPARTMENT, True),
    ("新宿区 健康部 保健予防課", PlatformMembership.Role.DEPARTMENT, True),
    ("新宿区社会福祉協議会", PlatformMembership.Role.SWC, True),
    ("新宿区ひきこもり家族会（デモ）", PlatformMembership.Role.FAMILY, False),
]

FIRST_MEETING_MINUTES = [
    ("note", "（午後２時００分 開会）"),
    ("statement", {"speaker_role": "生活福祉課長", "speaker_name": "佐藤",
                   "text": "定刻となりましたので、第1回新宿区ひきこもり支援ネットワーク会議を開会します。"
                           "本日の資料は資料１から資料３までです。本会議は公開とし、議事録は後日区のホームページに掲載します。"}),
    ("heading", "議題（１）区内の相談窓口と相談の状況について"),
    ("statement", {"speaker_role": "生活福祉課 相談係長", "speaker_name": "鈴木",
                   "text": "資料１を御覧ください。今年度上半期の新規相談は42件で、うち半数がご家族からの相談でした。"
                           "40代・50代のご本人に関する相談が増えています。"}),
    ("statement", {"speaker_role": "座長", "speaker_name": "高橋",
                   "text": "ありがとうございました。ただいまの報告について、御質問や御意見はございますか。"}),
    ("statement", {"speaker_role": "新宿区社会福祉協議会", "speaker_name": "田中",
                   "text": "地域の居場所に来られる方から、窓口の場所が分かりにくいという声を聞いています。"
                           "コンビニエンスストア等でのリーフレット配布を続けていただきたいと思います。"}),
    ("heading", "議題（２）居場所づくりと家族向けセミナーについて"),
    ("statement", {"speaker_role": "保健予防課長", "speaker_name": "山本",
                   "text": "家族向けセミナーを年2回開催する予定です。日程が決まりましたらネットワークの皆様にお知らせします。"}),
    ("statement", {"speaker_role": "座長", "speaker_name": "高橋",
                   "text": "以上をもちまして、本日の会議を閉会します。"}),
    ("note", "（午後３時３０分 閉会）"),
]


def _at(days, hour, minute=0):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=JST)


def _child(parent, model, slug, **fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    return parent.add_child(instance=model(slug=slug, live=False, **fields)), True


def _published(parent, model, slug, **fields):
    page, created = _child(parent, model, slug, **fields)
    if created:
        page.save_revision().publish()
    return page


def _members_document(municipality):
    title = "連絡会 支援状況一覧（構成員限定）"
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    content = "機関,新規相談,継続支援\n生活福祉課,12,30\n保健予防課,8,21\n社会福祉協議会,5,14\n".encode("utf-8")
    return Document.objects.create(title=title, collection=members_collection(municipality),
                                   file=ContentFile(content, name="renrakukai-shiryo2.csv"))


@demo_only
def load_demo_councils(coordinator=None):
    municipality = Municipality.objects.filter(slug="shinjuku").exclude(root_page=None).first()
    if municipality is None:
        return 0
    members = []
    for name, role, listed in MEMBERS:
        member, _ = PlatformMembership.objects.get_or_create(
            municipality=municipality, name=name,
            defaults={"role": role, "listed_publicly": listed, "joined_on": datetime.date(2024, 4, 1)})
        members.append(member)

    index = _published(municipality.root_page, CouncilIndexPage, "kaigi", title="会議・協議会",
                       intro="新宿区のひきこもり支援プラットフォームの会議体と、会議の予定・議事録です。")
    network, created = _child(index, CouncilPage, "network-kaigi", title="新宿区ひきこもり支援ネットワーク会議",
                              kind=CouncilPage.Kind.NETWORK, cadence="年3回（6月・10月・2月）",
                              purpose="庁内関係部署と地域の支援機関・家族会が、相談の状況と支援の課題を共有し、"
                                      "切れ目のない支援体制をつくるための会議です。",
                              other_members="学識経験者 ○○大学 教授（座長）")
    if created:
        network.members.set(members)
        network.save_revision().publish()
    _published(network, MeetingPage, "dai1kai", title="第1回 新宿区ひきこもり支援ネットワーク会議", number=1,
               starts_at=_at(-40, 14), ends_at=_at(-40, 15, 30), place="新宿区役所本庁舎 6階 第3委員会室",
               agenda="区内の相談窓口と相談の状況について\n居場所づくりと家族向けセミナーについて",
               attendees="学識経験者 ○○大学 教授（座長）\n新宿区 福祉部 生活福祉課長\n新宿区 健康部 保健予防課長\n"
                         "新宿区社会福祉協議会 地域福祉課長",
               minutes=FIRST_MEETING_MINUTES)
    _published(network, MeetingPage, "dai2kai", title="第2回 新宿区ひきこもり支援ネットワーク会議", number=2,
               starts_at=_at(24, 14), ends_at=_at(24, 15, 30), place="新宿区役所本庁舎 6階 第3委員会室",
               online=True, agenda="第1回会議の振り返り\n家族向けセミナーの実施報告\n来年度の取組について")

    liaison = _published(index, CouncilPage, "renrakukai", title="新宿区ひきこもり支援従事者連絡会",
                         kind=CouncilPage.Kind.LIAISON, cadence="隔月", members_only=True,
                         purpose="支援に携わる職員・団体が、事例の傾向や連携の課題を共有する構成員限定の連絡会です。")
    document = _members_document(municipality)
    _published(liaison, MeetingPage, "dai5kai", title="第5回 ひきこもり支援従事者連絡会", number=5,
               starts_at=_at(10, 10), ends_at=_at(10, 11, 30), place="新宿区役所第二分庁舎 会議室",
               members_only=True, agenda="連携が難しかった事例の傾向\n次回の研修テーマ",
               documents=[("document", {"label": "資料２", "document": document})])

    draft, created = _child(network, MeetingPage, "dai3kai", title="第3回 新宿区ひきこもり支援ネットワーク会議",
                            number=3, starts_at=_at(120, 14), ends_at=_at(120, 15, 30),
                            place="新宿区役所本庁舎 6階 第3委員会室", agenda="今年度の取組のまとめ")
    if created and coordinator is not None:
        draft.save_revision(user=coordinator)
        draft.get_workflow().start(draft, coordinator)  # waits on the 都コーディネーター's dashboard
    return MeetingPage.objects.descendant_of(index).count()
