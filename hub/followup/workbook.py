"""The follow-up board as a workbook (``/followup.xlsx``), and the same workbook read back.

One row per deal: the parties and what each gives, category, kind and deadline (to read), then
status, why, last contact, next contact and notes (to edit). Real dates, a drop-down of the
statuses (a data validation), the header frozen and filters on; every text cell a string, never
a formula. Two hidden columns name the deal and the board's revision the row was made from.

Reading it back (:func:`read`) compares each row with the card *as it stood at that revision*
(:meth:`shared.followup.projection.FollowUp.card` ``upto``), so only what the organiser changed
in the sheet counts; then, field by field, a change the board has not seen since becomes an
event (``via="workbook"``), and one that meets a newer change of the same field on the board is
held beside it (``FollowUpChangeHeld``) for the organiser to choose, never written over it.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from shared.core.checks import FieldError, ValidationFailed, parse_date
from shared.core.vocabulary import LANGUAGES
from shared.followup.rules import STATUSES
from shared.i18n import translate

DATE_FORMAT = "DD.MM.YYYY"
READ_ONLY = ("number", "party_a", "sector_a", "gives_a", "party_b", "sector_b", "gives_b")
READ_ONLY += ("category", "kind", "deadline")
EDITABLE = ("status", "reason", "last_contact", "next_contact", "notes")
HIDDEN = ("deal_id", "revision")
COLUMNS = READ_ONLY + EDITABLE + HIDDEN
DATES = ("deadline", "last_contact", "next_contact")
MAX_ROWS = 20_000


def title(key: str, lang: str) -> str:
    return translate(f"followup.sheet.{key}", lang)


def status_labels(lang: str) -> dict[str, str]:
    return {translate(f"followup.status.{s}", lang): s for s in STATUSES}


def _cells(row, notes, lang: str) -> list:
    parties = [*row.parties, None, None]
    a, b = parties[0], parties[1]
    others = list(row.parties[2:])
    gives_b = b.gives if b else ""
    if others:  # a deal of more than two: the rest after B's, by name
        gives_b += "".join(f"; {p.name}: {p.gives}" for p in others)
    card = row.card
    return [
        row.deal.number,
        a.name if a else "",
        translate(f"sector.{a.sector}", lang) if a else "",
        a.gives if a else "",
        b.name if b else "",
        translate(f"sector.{b.sector}", lang) if b else "",
        gives_b,
        translate(f"category.{row.deal.category}", lang),
        translate(f"kind.{row.deal.kind}", lang),
        parse_date(row.deal.deadline),
        translate(f"followup.status.{card.status}", lang),
        card.reason,
        parse_date(card.last_contact),
        parse_date(row.next_contact),
        notes.open(card.notes),
        row.id,
        card.revision,
    ]


def write(rows: list, notes, lang: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = translate("followup.sheet.title", lang)
    sheet.append([title(key, lang) for key in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    editable = PatternFill("solid", fgColor="FFF8E1")
    for row in rows:
        sheet.append(_cells(row, notes, lang))
        for key, cell in zip(COLUMNS, sheet[sheet.max_row], strict=True):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif key in DATES and cell.value:
                cell.number_format = DATE_FORMAT
            if key in EDITABLE:
                cell.fill = editable
    last = max(2, sheet.max_row)
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(status_labels(lang)) + '"',
        allow_blank=False,
        showErrorMessage=True,
    )
    sheet.add_data_validation(choices)
    status_col = get_column_letter(COLUMNS.index("status") + 1)
    choices.add(f"{status_col}2:{status_col}{last}")
    for index, key in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 12 if key in DATES else 22
        if key in HIDDEN:
            sheet.column_dimensions[letter].hidden = True
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS) - len(HIDDEN))}{last}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- reading it back ------------------------------------------------------------------------------


@dataclass
class SheetRow:
    line: int
    deal_id: str
    revision: int
    values: dict  # the editable fields as the sheet has them (status a code, dates ISO)


@dataclass
class Plan:
    """What an upload does: changes to record and changes to hold, per deal."""

    record: dict = field(default_factory=dict)  # deal id -> {field: value}
    hold: dict = field(default_factory=dict)  # deal id -> ({field: value}, base revision)
    unchanged: int = 0
    unknown: list = field(default_factory=list)  # lines naming no deal of this evening


def _header_keys(header: tuple) -> dict[int, str]:
    """Column index -> field, from the header in either language."""
    names = {title(key, lang): key for key in COLUMNS for lang in LANGUAGES}
    return {i: names[str(v).strip()] for i, v in enumerate(header) if str(v).strip() in names}


def _date(value, line: int, key: str, problems: list) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.datetime.strptime(text, "%d.%m.%Y").date().isoformat()
    except ValueError:
        pass
    parsed = parse_date(text)
    if parsed is None:
        problems.append(FieldError(f"{line}.{key}", "invalid_date"))
        return ""
    return parsed.isoformat()


def _status(value, line: int, problems: list) -> str:
    text = str(value or "").strip()
    for lang in LANGUAGES:
        if text in status_labels(lang):
            return status_labels(lang)[text]
    if text in STATUSES:
        return text
    problems.append(FieldError(f"{line}.status", "unknown_status"))
    return ""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read(data: bytes) -> list[SheetRow]:
    """The rows of an uploaded workbook, or :class:`ValidationFailed` (line.field codes)."""
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationFailed([FieldError("file", "not_a_workbook")]) from None
    sheet = workbook.worksheets[0]
    lines = sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1)
    keys = _header_keys(next(lines, ()) or ())
    if not set(HIDDEN) | {"status"} <= set(keys.values()):
        raise ValidationFailed([FieldError("file", "not_our_workbook")])
    found, problems = [], []
    for line, cells in enumerate(lines, start=2):
        got = {key: cells[i] for i, key in keys.items() if i < len(cells)}
        if not got.get("deal_id"):
            continue
        values = {"status": _status(got.get("status"), line, problems)}
        values["reason"] = _text(got.get("reason"))
        values["notes"] = _text(got.get("notes"))
        for key in ("last_contact", "next_contact"):
            values[key] = _date(got.get(key), line, key, problems)
        try:
            revision = int(got.get("revision") or 0)
        except (TypeError, ValueError):
            problems.append(FieldError(f"{line}.revision", "invalid"))
            revision = 0
        found.append(SheetRow(line, str(got["deal_id"]).strip(), revision, values))
    workbook.close()
    if problems:
        raise ValidationFailed(problems)
    return found
