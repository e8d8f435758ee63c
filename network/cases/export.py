"""A case record as CSV for the municipality's own files (UTF-8 with the BOM Excel needs)."""

from django.utils.translation import gettext as _

from tenants import spreadsheets


def write_case_csv(case, handle):
    handle.write("\ufeff")
    writer = spreadsheets.writer(handle)
    rows = [[_("Case code"), _("Municipality"), _("Date of the review"), _("Legal basis"),
                     _("Categories"), _("Situation summary"), _("Next review"), _("Status")]]
    rows.append([case.code, case.municipality.name, case.held_on.isoformat(), case.get_legal_basis_display(),
                     "、".join(map(str, case.category_labels())), case.summary,
                     case.next_review_on.isoformat() if case.next_review_on else "", case.get_status_display()])
    rows += [[], [_("Organisation"), _("Agreed action"), _("Due date"), _("Done")]]
    for row in case.actions.select_related("member__organisation"):
        rows.append([row.member.display_name, row.action, row.due_on.isoformat() if row.due_on else "",
                     "○" if row.done else ""])
    writer.writerows(rows)
