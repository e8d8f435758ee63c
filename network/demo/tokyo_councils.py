"""The Support Net's own councils in Tokyo's space (the portal home): the 推進会議 of Tokyo and
all municipalities, laid out like its published minutes (seed 004: the 62-municipality window
list, platforms in every municipality, the multi-disciplinary expert team), and the liaison
meeting of municipal staff. Minutes are written for the demo, not copied. Dates relative to
today; idempotent (pages found by slug)."""

from wagtail.models import Site

from tenants.demo_guard import demo_only

from ..models import CouncilIndexPage, CouncilPage, MeetingPage
from .councils import _at, _published

PROMOTION_MINUTES = [
    ("note", "（午後１時３０分 開会）ウェブ会議形式"),
    ("statement", {"speaker_role": "生活福祉部 生活支援担当課長", "speaker_name": "小澤",
                   "text": "第2回の推進会議を開会します。本会議は設置要綱により公開とし、資料と議事録は後日ホームページに掲載します。"}),
    ("heading", "議題（１）区市町村のひきこもりに関する相談窓口一覧について"),
    ("statement", {"speaker_role": "生活福祉部 生活支援担当課長", "speaker_name": "小澤",
                   "text": "62区市町村にご協力いただいた相談窓口の一覧がまとまりました。窓口名、対象、相談方法、連絡先を掲載し、"
                           "都のホームページで公開します。"}),
    ("heading", "議題（２）区市町村におけるプラットフォームの設置について"),
    ("statement", {"speaker_role": "生活福祉部長", "speaker_name": "高橋",
                   "text": "庁内の関係部署と地域の支援機関がつながるプラットフォームを、すべての区市町村で設置していただくようお願いします。"
                           "取組事例を次回以降も共有します。"}),
    ("heading", "議題（３）多職種専門チームによる支援について"),
    ("statement", {"speaker_role": "生活福祉部 生活支援担当課長", "speaker_name": "小澤",
                   "text": "医療・法律・福祉の専門職による多職種専門チームが、区市町村の困難な事例への助言を行います。"
                           "ご相談は事務局までお寄せください。"}),
    ("note", "（午後３時００分 閉会）"),
]


@demo_only
def load_demo_tokyo_councils():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return 0
    index = _published(site.root_page, CouncilIndexPage, "kaigi", title="東京都の会議",
                       intro="東京都ひきこもりサポートネットが区市町村とともに開く推進会議・連絡会の予定と議事録です。")
    promotion = _published(index, CouncilPage, "suishin-kaigi", title="ひきこもりに係る支援推進会議",
                           kind=CouncilPage.Kind.PROMOTION, cadence="年2回",
                           purpose="東京都と62区市町村が、ひきこもりに係る支援の取組を共有し、区市町村の支援体制づくりを進めるための会議です。",
                           other_members="区市町村 ひきこもり支援主管部長\n東京都 福祉局・産業労働局・教育庁 関係部長")
    _published(promotion, MeetingPage, "dai2kai", title="第2回 ひきこもりに係る支援推進会議", number=2,
               starts_at=_at(-60, 13, 30), ends_at=_at(-60, 15), online=True, place="ウェブ会議",
               agenda="区市町村のひきこもりに関する相談窓口一覧について\n区市町村におけるプラットフォームの設置について\n"
                      "多職種専門チームによる支援について",
               attendees="区市町村 ひきこもり支援主管部長\n東京都 福祉局 生活福祉部長\n東京都 福祉局 生活支援担当課長",
               minutes=PROMOTION_MINUTES)
    _published(promotion, MeetingPage, "dai3kai", title="第3回 ひきこもりに係る支援推進会議", number=3,
               starts_at=_at(45, 13, 30), ends_at=_at(45, 15), online=True, place="ウェブ会議",
               agenda="区市町村の取組事例の紹介\n来年度の取組について")
    liaison = _published(index, CouncilPage, "renrakukai", title="区市町村ひきこもり支援担当者連絡会",
                         kind=CouncilPage.Kind.LIAISON, cadence="年4回",
                         purpose="区市町村の担当者が、相談窓口の運営やプラットフォームづくりの実務を情報交換する連絡会です。")
    _published(liaison, MeetingPage, "dai4kai", title="第4回 区市町村ひきこもり支援担当者連絡会", number=4,
               starts_at=_at(18, 10), ends_at=_at(18, 12), place="東京都庁 第一本庁舎 会議室",
               agenda="相談窓口一覧の更新について\n家族向けセミナーの共同開催について")
    return MeetingPage.objects.descendant_of(index).count()
