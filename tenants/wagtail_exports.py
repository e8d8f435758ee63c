"""Wagtail's own CSV exports (the site history and the other admin reports, and any listing with
`list_export`) write cells through the one safe writer's rule too.

Wagtail's SpreadsheetExportMixin turns formulas back into text in its XLSX export, but writes
CSV cells as they are: a name typed at the sign-in page ("=HYPERLINK(…)") is kept in the audit
trail as typed and ran in Excel when Tokyo exported the site history as CSV. Each CSV cell is
neutralised as tenants.spreadsheets does (OWASP's rule); the XLSX export is left as Wagtail
wrote it."""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from .spreadsheets import safe_cell

# Replaces wagtail.admin.views.mixins.SpreadsheetExportMixin.write_csv_row (upgrade canary:
# tests/tenants/test_wagtail_patches.py).
_wagtail_write_csv_row = SpreadsheetExportMixin.write_csv_row


def _write_safe_csv_row(self, writer, row_dict):
    return writer.writerow({
        field: safe_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
        for field, value in row_dict.items()
    })


def neutralise_csv_formulas():
    """Called once from TenantsConfig.ready()."""
    SpreadsheetExportMixin.write_csv_row = _write_safe_csv_row
