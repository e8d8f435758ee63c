"""Consultation windows as CSV (open data): UTF-8, with an optional BOM for Excel. The same
columns are what the import reads (network.windows.services)."""

from tenants import spreadsheets

COLUMNS = [
    ("code", "地方公共団体コード"), ("municipality", "区市町村名"), ("name", "窓口名"),
    ("department", "担当部署"), ("run_by_contractor", "委託"), ("contractor", "委託先"),
    ("target", "対象"), ("min_age", "対象年齢下限"), ("max_age", "対象年齢上限"),
    ("methods", "相談方法"), ("hours", "受付時間"), ("phone", "電話番号"), ("email", "メールアドレス"),
    ("url", "URL"), ("accepts_visit_applications", "訪問相談受付窓口"),
]
HEADERS = [header for _, header in COLUMNS]
YES, NO = "はい", ""


def export_rows(windows):
    yield HEADERS
    for w in windows:
        yield [w.municipality.code, w.municipality.name, w.name, w.department,
               YES if w.run_by_contractor else NO, w.contractor, w.target,
               "" if w.min_age is None else w.min_age, "" if w.max_age is None else w.max_age,
               ";".join(m.name for m in w.methods.all()), w.hours, w.phone, w.email, w.url,
               YES if w.accepts_visit_applications else NO]


def write_csv(windows, handle, bom=False):
    if bom:
        handle.write("\ufeff")
    writer = spreadsheets.writer(handle)
    writer.writerows(export_rows(windows))
