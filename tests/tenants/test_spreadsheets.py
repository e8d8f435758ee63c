"""The one CSV writer: OWASP's rule for cells a spreadsheet would run as formulas."""

import csv
import io

import pytest

from tenants import spreadsheets


@pytest.mark.parametrize("value, written", [
    ("=1+1", "'=1+1"), ("+81", "'+81"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("新宿区", "新宿区"), ("03-1234-5678", "03-1234-5678"),
    (None, ""), (12, "12"),
])
def test_cells_that_would_run_are_written_as_text(value, written):
    buffer = io.StringIO()
    spreadsheets.writer(buffer).writerow([value])
    assert buffer.getvalue().endswith("\r\n")
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == [written]


@pytest.mark.parametrize("value", ["=1+1", "-2", "'quoted", "新宿区", ""])
def test_what_was_written_reads_back_as_typed(value):
    assert spreadsheets.read_cell(spreadsheets.safe_cell(value)) == value
