"""CSV export of the window list and the all-or-nothing import for metropolitan coordinators."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from network.demo import load_demo_windows
from network.models import ConsultationWindow
from tests.conftest import rolled_back_at_the_end
from network.windows.export import HEADERS
from tests.conftest import client_for
from tests.tenants.helpers import refused


@pytest.fixture(scope="module")
def demo_window_rows(django_db_setup, django_db_blocker):
    """The demo windows of all 62 municipalities, made once for the module."""
    with rolled_back_at_the_end(django_db_blocker):
        load_demo_windows()
        yield


@pytest.fixture
def demo_windows(demo_window_rows, tokyo):
    pass


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_export_is_utf8_with_an_optional_bom_and_follows_the_filters(client, demo_windows):
    plain = client.get("/windows/csv/")
    assert plain["Content-Type"] == "text/csv; charset=utf-8"
    assert not plain.content.startswith(b"\xef\xbb\xbf")
    rows = read_csv(plain)
    assert rows[0] == HEADERS and len(rows) == 1 + ConsultationWindow.objects.filter(live=True).count()
    sumida = next(row for row in rows if row[2] == "ひきこもりに関する専用相談窓口「すみ家」")
    assert sumida[0] == "131075" and sumida[11] == "080-9817-4740" and "メール" in sumida[9]
    excel = client.get("/windows/csv/?bom=1&method=line")
    assert excel.content.startswith(b"\xef\xbb\xbf")
    assert [row[1] for row in read_csv(excel)[1:]] == ["江戸川区"]


def csv_file(rows, encoding="utf-8"):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([HEADERS, *rows])
    return SimpleUploadedFile("windows.csv", buffer.getvalue().encode(encoding), content_type="text/csv")


GOOD = ["131041", "新宿区", "若者相談窓口", "子ども家庭課", "", "", "15歳から39歳", "15", "39",
        "電話;メール", "平日9:00-17:00", "０３－５２７３－００００", "", "", "はい"]
UPDATE = ["131075", "墨田区", "ひきこもりに関する専用相談窓口「すみ家」", "", "はい", "委託事業者",
          "区内在住の本人・家族", "", "", "電話;メール", "平日12:00-19:00", "080-9817-4740", "", "", ""]


def upload(client, rows, encoding="utf-8"):
    with translation.override("ja"):
        return client.post(reverse("network_window_import"), {"file": csv_file(rows, encoding)})


def test_import_previews_then_writes_everything(as_metro, demo_windows):
    before = ConsultationWindow.objects.count()
    preview = upload(as_metro, [GOOD, UPDATE], encoding="cp932")
    body = preview.content.decode()
    assert preview.status_code == 200 and "若者相談窓口" in body and "2件の窓口を取り込む" in body
    assert ConsultationWindow.objects.count() == before  # nothing written by the preview
    response = as_metro.post(reverse("network_window_import"), {"confirm": "1"})
    assert response.status_code == 302
    created = ConsultationWindow.objects.get(name="若者相談窓口")
    assert created.live and created.phone == "03-5273-0000" and (created.min_age, created.max_age) == (15, 39)
    assert created.accepts_visit_applications and set(created.methods.values_list("code", flat=True)) == {"phone", "email"}
    updated = ConsultationWindow.objects.get(name="ひきこもりに関する専用相談窓口「すみ家」")
    assert updated.hours == "平日12:00-19:00" and updated.revisions.count() == 2
    assert ConsultationWindow.objects.count() == before + 1


@pytest.mark.parametrize(("bad_row", "message"), [
    (["131049", "新宿区", *GOOD[2:]], "検査数字"),
    (["131041", "新宿区", *GOOD[2:9], "電話;FAX", *GOOD[10:]], "相談方法"),
    (["131041", "新宿区", *GOOD[2:11], "03-12", *GOOD[12:]], "市外局番"),
    (["131041", "新宿区", *GOOD[2:7], "40", "15", *GOOD[9:]], "最低年齢"),
    (["131041", "文京区", *GOOD[2:]], "新宿区"),
])
def test_one_bad_row_writes_nothing_and_names_the_row_and_problem(as_metro, demo_windows, bad_row, message):
    before = ConsultationWindow.objects.count()
    hours_before = ConsultationWindow.objects.get(name=UPDATE[2]).hours
    response = upload(as_metro, [UPDATE, bad_row])
    body = response.content.decode()
    assert "3行目" in body and message in body
    assert "何も取り込んでいません" in body and "件の窓口を取り込む" not in body  # no confirm button
    assert as_metro.post(reverse("network_window_import"), {"confirm": "1"}).status_code == 302
    assert ConsultationWindow.objects.count() == before
    assert ConsultationWindow.objects.get(name=UPDATE[2]).hours == hours_before


def test_wrong_header_is_refused(as_metro, demo_windows):
    buffer = SimpleUploadedFile("x.csv", "名前,電話\n新宿,03\n".encode(), content_type="text/csv")
    with translation.override("ja"):
        body = as_metro.post(reverse("network_window_import"), {"file": buffer}).content.decode()
    assert "1行目" in body and "見出し行" in body


def test_only_metropolitan_coordinators_may_import(as_shinjuku, client, partner_editor, demo_windows):
    assert refused(as_shinjuku.get(reverse("network_window_import")))
    assert refused(as_shinjuku.post(reverse("network_window_import"), {"file": csv_file([GOOD])}))
    assert not ConsultationWindow.objects.filter(name="若者相談窓口").exists()
    assert refused(client_for(partner_editor).get(reverse("network_window_import")))
    assert "/admin/login/" in client.get(reverse("network_window_import"))["Location"]


def test_a_formula_typed_into_a_window_is_exported_as_text(client, demo_windows):
    window = ConsultationWindow.objects.order_by("pk").first()
    window.name = '=HYPERLINK("http://evil.example/","開く")'
    window.save()
    rows = read_csv(client.get("/windows/csv/"))
    assert "'" + window.name in [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.parametrize("control", ["NUL", "BEL", "ESC", "C1 NEL"])
def test_a_control_character_in_a_cell_writes_nothing_and_names_row_and_column(as_metro, demo_windows, control):
    from tests.trust.hostile_input import CONTROLS

    before = ConsultationWindow.objects.count()
    hours_before = ConsultationWindow.objects.get(name=UPDATE[2]).hours
    bad = [*GOOD[:2], f"若者{CONTROLS[control]}相談窓口", *GOOD[3:]]
    response = upload(as_metro, [UPDATE, bad])
    body = response.content.decode()
    assert response.status_code == 200 and "3行目" in body and f"列「{HEADERS[2]}」" in body and "制御文字" in body
    assert "件の窓口を取り込む" not in body
    assert as_metro.post(reverse("network_window_import"), {"confirm": "1"}).status_code == 302
    assert ConsultationWindow.objects.count() == before
    assert ConsultationWindow.objects.get(name=UPDATE[2]).hours == hours_before
