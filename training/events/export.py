"""Events as iCalendar (one VEVENT per session, with the Asia/Tokyo VTIMEZONE) and as the
イベント一覧 CSV of the Japanese standard open data set (自治体標準オープンデータセット, the
推奨データセット-era 32 columns, names and order exact), one row per session."""


from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from tenants import spreadsheets

TOKYO_CODE = "130001"  # 東京都 (the Support Net's events)
TOKYO_NAME = "東京都"
SUPPORT_NET = "東京都ひきこもりサポートネット"
CSV_HEADERS = [
    "都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "イベント名", "イベント名_カナ",
    "イベント名_英語", "開始日", "終了日", "開始時間", "終了時間", "開始日時特記事項", "説明", "料金(基本)",
    "料金(詳細)", "連絡先名称", "連絡先電話番号", "連絡先内線番号", "主催者", "場所名称", "住所", "方書", "緯度",
    "経度", "アクセス方法", "駐車場情報", "定員", "参加申込終了日", "参加申込終了時間", "参加申込方法", "URL", "備考"]
FREE = "無料"  # the Support Net's own events and consultations are free (seed 001)


def _url(request, event):
    return request.build_absolute_uri(reverse("event_detail", args=[event.pk]))


def ical(events, request):
    calendar = Calendar()
    calendar.add("prodid", "-//Tsunagu//Tokyo Hikikomori Support Net//JA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "つなぐ イベント")
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    now = timezone.now()
    for event in events:
        for session in event.sessions.all():
            entry = CalendarEvent()
            entry.add("uid", f"session-{session.pk}@tsunagu")
            entry.add("dtstamp", now)
            entry.add("dtstart", timezone.localtime(session.starts_at))
            entry.add("dtend", timezone.localtime(session.ends_at))
            entry.add("summary", event.title)
            entry.add("location", " ".join(part for part in (event.venue, event.address) if part))
            entry.add("description", event.description)
            entry.add("url", _url(request, event))
            calendar.add_component(entry)
    calendar.add_missing_timezones()  # VTIMEZONE for Asia/Tokyo, so every client reads JST
    return calendar.to_ical()


def _seats(session):
    """定員 is a number: the in-person seats plus any fixed online seats; unlimited online
    attendance goes to 備考."""
    return session.capacity_in_person + (session.capacity_online or 0)


def _remarks(event, session):
    notes = [f"対象: {event.get_audience_display()}"]
    if session.capacity_online is None:
        notes.append("オンライン参加は定員なし")
    elif session.capacity_online:
        notes.append(f"定員のうちオンライン{session.capacity_online}名")
    return "。".join(notes)


def rows(events, request):
    for event in events:
        town = event.municipality.name if event.municipality else ""
        code = event.municipality.code if event.municipality else TOKYO_CODE
        organiser = town or SUPPORT_NET
        deadline = timezone.localtime(event.deadline)
        for session in event.sessions.all():
            start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
            yield [code, session.pk, TOKYO_NAME, town, event.title, event.title_kana,
                   "", start.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d"), start.strftime("%H:%M"),
                   end.strftime("%H:%M"), "", event.description, "" if town else FREE,
                   "", organiser, event.contact_phone, "", organiser, event.venue,
                   event.address or TOKYO_NAME + town, "", "",
                   "", "", "", _seats(session), deadline.strftime("%Y-%m-%d"),
                   deadline.strftime("%H:%M"), event.application_method, _url(request, event), _remarks(event, session)]


def write_csv(events, handle, request, bom=False):
    if bom:
        handle.write("\ufeff")
    writer = spreadsheets.writer(handle)
    writer.writerow(CSV_HEADERS)
    writer.writerows(rows(events, request))
