"""Events as iCalendar (one VEVENT per session) and as the イベント一覧 CSV of the Japanese
standard open data set (推奨データセット), one row per session."""


from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from tenants import spreadsheets

TOKYO_CODE = "130001"  # 東京都 (the Support Net's events)
TOKYO_NAME = "東京都"
CSV_HEADERS = ["全国地方公共団体コード", "ID", "地方公共団体名", "イベント名", "イベント名_カナ", "開始日", "終了日",
               "開始時間", "終了時間", "説明", "連絡先電話番号", "主催者", "場所名称", "住所", "定員", "対象者",
               "申込終了日", "申込終了時間", "申込方法", "URL"]


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
    return calendar.to_ical()


def rows(events, request):
    for event in events:
        code, name = ((event.municipality.code, event.municipality.name) if event.municipality
                      else (TOKYO_CODE, TOKYO_NAME))
        deadline = timezone.localtime(event.deadline)
        for session in event.sessions.all():
            start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
            capacity = str(session.capacity_in_person)
            if session.capacity_online is None:
                capacity += "（オンライン参加は定員なし）"
            elif session.capacity_online:
                capacity += f"（オンライン{session.capacity_online}）"
            yield [code, f"{event.pk}-{session.pk}", name, event.title, event.title_kana,
                   start.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d"), start.strftime("%H:%M"),
                   end.strftime("%H:%M"), event.description, event.contact_phone,
                   name if event.municipality else "東京都ひきこもりサポートネット", event.venue, event.address,
                   capacity, event.get_audience_display(), deadline.strftime("%Y-%m-%d"),
                   deadline.strftime("%H:%M"), event.application_method, _url(request, event)]


def write_csv(events, handle, request, bom=False):
    if bom:
        handle.write("\ufeff")
    writer = spreadsheets.writer(handle)
    writer.writerow(CSV_HEADERS)
    writer.writerows(rows(events, request))
