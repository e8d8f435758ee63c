"""The one CSV writer every export uses: no cell a spreadsheet would run as a formula.

OWASP's rule for CSV injection: a cell beginning with =, +, -, @, tab or carriage return gets a
leading apostrophe, so Excel and LibreOffice show it as text (`=HYPERLINK(...)` typed into a
window or event never runs). Rows go out with CRLF line ends, as RFC 4180 and Excel expect."""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def read_cell(text):
    """What `safe_cell` wrote, read back (an import of our own export keeps `=` names as typed)."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


class SafeWriter:
    """csv.writer's writerow/writerows, every cell neutralised."""

    def __init__(self, handle, **options):
        options.setdefault("lineterminator", "\r\n")
        self._writer = csv.writer(handle, **options)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(handle, **options):
    return SafeWriter(handle, **options)
