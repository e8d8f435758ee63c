"""The CSV import of consultation windows: all or nothing, with row-level Japanese messages.

A row is identified by (地方公共団体コード, 窓口名): an existing window is updated, a new one created.
Import runs in two steps: parse_windows_csv() validates everything and returns a plan without
writing; apply_plan() writes the whole plan in one transaction."""

import csv
import io
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tenants import input_guard, spreadsheets
from tenants.codes import validate_local_government_code
from tenants.models import Municipality

from ..models import ConsultationMethod, ConsultationWindow
from .export import COLUMNS, HEADERS

MAX_BYTES = 2 * 1024 * 1024


@dataclass
class PlannedRow:
    line: int
    values: dict
    methods: list
    municipality: Municipality
    existing: ConsultationWindow | None

    @property
    def action(self):
        return _("update") if self.existing else _("create")


@dataclass
class ImportPlan:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (line, message)

    @property
    def ok(self):
        return not self.errors and bool(self.rows)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or Shift_JIS as Excel writes it in Japan."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file is neither UTF-8 nor Shift_JIS text."))


def _yes(value):
    return value.strip() in {"はい", "○", "〇", "1", "true", "yes", "TRUE", "Yes"}


def _age(value, label, errors):
    value = value.strip()
    if not value:
        return None
    value = unicodedata.normalize("NFKC", value)
    if not value.isdigit() or int(value) > 120:
        errors.append(_("%(label)s must be a whole number from 0 to 120 (got “%(value)s”).")
                      % {"label": label, "value": value})
        return None
    return int(value)


def parse_windows_csv(text: str) -> ImportPlan:
    plan = ImportPlan()
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or [h.strip() for h in header] != HEADERS:
        plan.errors.append((1, _("The header row must be exactly: %(headers)s")
                            % {"headers": ",".join(HEADERS)}))
        return plan
    municipalities = {m.code: m for m in Municipality.objects.all()}
    methods = {m.name: m for m in ConsultationMethod.objects.all()}
    seen = set()
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(HEADERS):
            plan.errors.append((line, _("Expected %(expected)s columns, found %(found)s.")
                                % {"expected": len(HEADERS), "found": len(cells)}))
            continue
        controls = [(header, character) for (_key, header), cell in zip(COLUMNS, cells, strict=True)
                    if (character := input_guard.find_control(cell))]
        if controls:  # refused before any lookup: PostgreSQL cannot even compare a NUL
            plan.errors.extend((line, _("Column “%(column)s” contains an invisible control character "
                                        "(%(character)s). Remove it and import again.")
                                % {"column": column, "character": character}) for column, character in controls)
            continue
        raw = {key: spreadsheets.read_cell(cell.strip()) for (key, _header), cell in zip(COLUMNS, cells, strict=True)}
        errors = []
        try:
            validate_local_government_code(raw["code"])
        except ValidationError as error:
            errors.extend(error.messages)
        municipality = municipalities.get(raw["code"])
        if municipality is None and not errors:
            errors.append(_("No municipality has the code %(code)s.") % {"code": raw["code"]})
        if municipality and raw["municipality"] and raw["municipality"] != municipality.name:
            errors.append(_("Code %(code)s is %(name)s, not %(given)s.")
                          % {"code": raw["code"], "name": municipality.name, "given": raw["municipality"]})
        unknown = [n for n in raw["methods"].split(";") if n.strip() and n.strip() not in methods]
        if unknown:
            errors.append(_("Unknown consultation method: %(methods)s (use: %(allowed)s).")
                          % {"methods": "、".join(unknown), "allowed": "、".join(methods)})
        values = {
            "name": raw["name"], "department": raw["department"],
            "run_by_contractor": _yes(raw["run_by_contractor"]), "contractor": raw["contractor"],
            "target": raw["target"], "min_age": _age(raw["min_age"], HEADERS[7], errors),
            "max_age": _age(raw["max_age"], HEADERS[8], errors), "hours": raw["hours"],
            "phone": raw["phone"], "email": raw["email"], "url": raw["url"],
            "accepts_visit_applications": _yes(raw["accepts_visit_applications"]),
        }
        key = (raw["code"], raw["name"])
        if key in seen:
            errors.append(_("The same window appears twice in the file."))
        seen.add(key)
        existing = None
        if municipality and not errors:
            existing = ConsultationWindow.objects.filter(municipality=municipality, name=raw["name"]).first()
            candidate = existing or ConsultationWindow(municipality=municipality)
            for name, value in values.items():
                setattr(candidate, name, value)
            try:
                candidate.full_clean(exclude=["live", "latest_revision", "live_revision", "locked_by"])
                values["phone"] = candidate.phone  # normalised
            except ValidationError as error:
                errors.extend(f"{_field_label(name)}: {message}" if name != "__all__" else message
                              for name, messages in error.message_dict.items() for message in messages)
        if errors:
            plan.errors.extend((line, message) for message in errors)
            continue
        plan.rows.append(PlannedRow(line, values, [methods[n.strip()] for n in raw["methods"].split(";")
                                                   if n.strip()], municipality, existing))
    if not plan.rows and not plan.errors:
        plan.errors.append((2, _("The file has no data rows.")))
    return plan


def _field_label(name):
    try:
        return str(ConsultationWindow._meta.get_field(name).verbose_name)
    except Exception:
        return name


@transaction.atomic
def apply_plan(plan: ImportPlan, user):
    """Write every planned row (all or nothing) as a published revision by `user`."""
    if not plan.ok:
        raise ValueError("refusing to apply a plan with errors")
    written = []
    for row in plan.rows:
        window = row.existing or ConsultationWindow(municipality=row.municipality, live=False)
        for name, value in row.values.items():
            setattr(window, name, value)
        window.save()
        window.methods.set(row.methods)
        window.save_revision(user=user, log_action=True).publish(user=user)
        written.append(window)
    return written
