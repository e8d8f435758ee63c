"""What staff type is what gets saved: in Chromium, each demo role types every accepted way of
writing a date into every date and datetime field of the admin (tests/e2e/date_plan.py, kept
complete by the walk in tests/tenants/test_admin_date_fields.py), leaves the field, saves, and the
database holds exactly the typed date. A mistyped date is refused in Japanese, stays in its field,
and nothing is saved."""

import datetime
import os
import re
import unicodedata

import pytest

from .conftest import sign_in
from .date_plan import build_world, local, plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FULL_WIDTH = str.maketrans("0123456789/:", "０１２３４５６７８９／：")
DATE_FORMS = [
    ("slashes", lambda d: f"{d.year}/{d.month}/{d.day}"),
    ("ISO", lambda d: d.isoformat()),
    ("年月日", lambda d: f"{d.year}年{d.month}月{d.day}日"),
    ("令和", lambda d: f"令和{d.year - 2018}年{d.month}月{d.day}日"),
    ("full-width", lambda d: f"{d.year}年{d.month}月{d.day}日".translate(FULL_WIDTH)),
]
TIMES = [("14:00", (14, 0)), ("10時", (10, 0)), ("15時30分", (15, 30)), ("９：０５", (9, 5)), ("16:45", (16, 45))]
MISTYPED = "2026年13月1日"
REFUSED_DATE = "のように入力してください"


def signed_in_page(browser, base, username):
    # A fixed window: leaving a field clicks an empty spot right of the form (type_into).
    page = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo",
                               viewport={"width": 1280, "height": 720}).new_page()
    page.set_default_timeout(8000)
    sign_in(page, base, username)
    return page


def typed(entry, n):
    """For the n-th save: {input name: (text typed, value expected)}; each field a later day."""
    name, write = DATE_FORMS[n]
    result = {}
    for i, (field, kind) in enumerate(entry.fields):
        day = entry.first_day + datetime.timedelta(days=14 * n + i)
        text = write(day)
        expected = day
        if kind == "datetime":
            time_text, (hour, minute) = TIMES[(n + i) % len(TIMES)]
            text = f"{text} {time_text}"
            expected = datetime.datetime.combine(day, datetime.time(hour, minute))
        result[field] = (text, expected)
    return result


def type_into(page, field, text):
    box = page.locator(f"[name='{field}']").first
    in_dialog = box.evaluate("e => !!e.closest('#schedule-publishing-dialog')")
    if in_dialog and not box.is_visible():  # go_live_at / expire_at: Wagtail's schedule dialog
        status = page.locator("button[data-side-panel-toggle=status]")
        if status.get_attribute("aria-expanded") != "true":
            status.click()
        page.get_by_role("button", name=re.compile("^スケジュールを(設定|編集)$")).first.click()
    box.fill(text)
    page.wait_for_timeout(250)  # the picker opens a moment after the field gets focus
    box.press("Tab")  # leave the field, as a person does: the picker must not rewrite what was typed
    if not in_dialog:
        page.wait_for_timeout(250)
        page.mouse.click(1245, 380)  # an empty spot right of the form closes any picker the Tab opened
    return box.input_value()


def submit(page, entry, world, n, texts):
    page.goto(page.base + entry.url(world))
    if entry.extra:
        entry.extra(page, world, n)
    problems = []
    for field, text in texts.items():
        left = type_into(page, field, text)
        if left != text:
            problems.append(f"{entry.key}.{field}: typed {text!r}, the field then showed {left!r}")
    dialog_save = page.get_by_role("button", name="スケジュールを保存")
    if dialog_save.count() and dialog_save.first.is_visible():
        dialog_save.first.click()
    with page.expect_navigation():
        page.get_by_role("button", name=entry.button, exact=True).first.click()
    return problems


def check_entry(page, entry, world):
    problems = []
    for n, (form_name, _write) in enumerate(DATE_FORMS):
        if entry.reset and n:
            entry.reset(world)
        wanted = typed(entry, n)
        problems += submit(page, entry, world, n, {f: text for f, (text, _) in wanted.items()})
        saved = {f: local(v) for f, v in entry.read(world).items()}
        for field, (text, expected) in wanted.items():
            if saved.get(field) != expected:
                said = page.locator(".help-critical, .error-message, .messages .error").all_inner_texts()
                problems.append(f"{entry.key}.{field} ({form_name}): typed {text!r}, saved {saved.get(field)!r}; "
                                f"the page said {said}")
    if entry.reset:
        entry.reset(world)
    before = entry.read(world)
    texts = {f: text for f, (text, _) in typed(entry, 0).items()}
    texts[entry.fields[0][0]] = MISTYPED
    submit(page, entry, world, 9, texts)
    body = page.content()
    if REFUSED_DATE not in body:
        problems.append(f"{entry.key}: {MISTYPED!r} was not refused with the Japanese message")
    box = page.locator(f"form [name='{entry.fields[0][0]}']").first
    if box.count() and unicodedata.normalize("NFC", box.input_value()) != MISTYPED:
        problems.append(f"{entry.key}: the refused text did not stay in its field ({box.input_value()!r})")
    if entry.read(world) != before:
        problems.append(f"{entry.key}: a refused date changed what was saved")
    return problems


def plan_keys():
    """One test per form, so parallel workers share them; TSUNAGU_DATE_PLAN_ONLY=key,... (or -k)
    reruns some while fixing them."""
    only = [key for key in os.environ.get("TSUNAGU_DATE_PLAN_ONLY", "").split(",") if key]
    return [entry.key for entry in plan() if not only or entry.key in only]


@pytest.mark.parametrize("key", plan_keys())
def test_admin_date_field_saves_exactly_what_was_typed(tokyo_live, browser, key):
    entry = next(entry for entry in plan() if entry.key == key)
    world = build_world()
    page = signed_in_page(browser, tokyo_live.url, entry.role)
    page.base = tokyo_live.url
    try:
        problems = check_entry(page, entry, world)
    finally:
        page.context.close()
    assert problems == [], "\n".join(problems)
