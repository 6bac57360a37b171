"""The deal list as a spreadsheet (.xlsx) and as CSV: one row per deal, and in the workbook a
second sheet with every participant (those with no deal too).

Text typed by anyone is written as inert text: in CSV a leading ``= + - @`` is escaped with an
apostrophe (the OWASP advice for CSV injection), except a phone number, which is only digits
and ``+ ( ) -`` and so cannot be a formula; in the workbook every text cell is stored as a
string, never as a formula. Dates are dates in the workbook (a column sorts and filters as
dates), ISO text in CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from hub.deals.status import statuses_of, suspected_doubles
from hub.service import Hub
from shared.i18n import translate
from shared.participants.projection import ParticipantView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PHONE = re.compile(r"^\+?[0-9 ()-]{3,30}$")  # +47 912 34 567: a number, never a formula

# The columns in order: a row's key, and the catalog id of its header (``letter``: the party).
COLUMNS = [
    ("number", "export.column.number", ""),
    ("status", "export.column.status", ""),
    *(
        (f"{field}_{letter}", f"export.column.{field}", letter.upper())
        for letter in "ab"
        for field in ("party", "walk_in", "sector", "contact", "email", "phone", "gives")
    ),
    ("other_parties", "export.column.other_parties", ""),
    ("category", "export.column.category", ""),
    ("kind", "export.column.kind", ""),
    ("deadline", "export.column.deadline", ""),
    ("registered_at", "export.column.registered_at", ""),
    ("broker", "export.column.broker", ""),
    ("device", "export.column.device", ""),
]


PARTICIPANT_COLUMNS = [
    ("name", "export.column.name"),
    ("walk_in", "export.column.walk_in_plain"),
    ("sector", "export.column.sector_plain"),
    ("contact", "export.column.contact_plain"),
    ("email", "export.column.email_plain"),
    ("phone", "export.column.phone_plain"),
    ("deals", "export.column.deal_count"),
]

DATE_COLUMNS = {"deadline": "DD.MM.YYYY", "registered_at": "DD.MM.YYYY HH:MM:SS"}


def headers(lang: str = "nb") -> list[tuple[str, str]]:
    """Each column's key and its header in ``lang`` (bokmål unless asked)."""
    return [(key, translate(text, lang, letter=letter)) for key, text, letter in COLUMNS]


def participant_headers(lang: str = "nb") -> list[tuple[str, str]]:
    """The participants' sheet: each column's key and its header in ``lang``."""
    return [(key, translate(text, lang)) for key, text in PARTICIPANT_COLUMNS]


def inert_csv(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PHONE.match(value):
        return "'" + value
    return value


def _status(deal, lang: str, evening, doubles: set[str]) -> str:
    marks = statuses_of(deal, evening, doubles) or ["ok"]
    return ", ".join(translate(f"export.status.{mark}", lang) for mark in marks)


def _party_columns(hub: Hub, letter: str, party: dict, lang: str) -> dict:
    participant: ParticipantView | None = hub.evening.participants.get(party["participant_id"])
    contact = hub.contact_of(party["participant_id"])
    sector = participant.sector if participant else "unknown"
    return {
        f"party_{letter}": participant.name if participant else "?",
        f"walk_in_{letter}": _walk_in(participant, lang),
        f"sector_{letter}": translate(f"sector.{sector}", lang),
        f"contact_{letter}": contact["contact_person"],
        f"email_{letter}": contact["email"],
        f"phone_{letter}": contact["phone"],
        f"gives_{letter}": party.get("gives", ""),
    }


def _walk_in(participant: ParticipantView | None, lang: str) -> str:
    return translate("export.walk_in", lang) if participant and participant.walk_in else ""


def deal_rows(hub: Hub, lang: str = "nb") -> list[dict]:
    """One row per deal; ``deadline`` a date, ``registered_at`` a local datetime (no zone)."""
    evening = hub.evening
    doubles = suspected_doubles(evening)
    rows = []
    deals = sorted(evening.deals.values(), key=lambda d: (d.registered_at, d.number))
    for deal in deals:
        row = {
            "number": deal.number,
            "status": _status(deal, lang, evening, doubles),
            "category": translate(f"category.{deal.category}", lang),
            "kind": translate(f"kind.{deal.kind}", lang),
            "deadline": dt.date.fromisoformat(deal.deadline) if deal.deadline else "",
            "registered_at": deal.registered_at.astimezone().replace(tzinfo=None, microsecond=0),
            "broker": deal.broker,
            "device": evening.devices.name_of(deal.origin, deal.number.split("-")[0]),
        }
        for letter, party in zip("ab", deal.parties[:2], strict=False):
            row.update(_party_columns(hub, letter, party, lang))
        others = []
        for party in deal.parties[2:]:
            participant = evening.participants.get(party["participant_id"])
            others.append(f"{participant.name if participant else '?'}: {party.get('gives', '')}")
        row["other_parties"] = "; ".join(others)
        rows.append(row)
    return rows


def participant_rows(hub: Hub, lang: str = "nb") -> list[dict]:
    """Every participant, with how many deals they stand in (voided ones not counted)."""
    evening = hub.evening
    deals_of: dict[str, int] = {}
    for deal in evening.deals.counted_deals():
        for pid in set(deal.party_ids):
            deals_of[pid] = deals_of.get(pid, 0) + 1
    rows = []
    for participant in sorted(evening.participants.values(), key=lambda p: p.name.casefold()):
        contact = hub.contact_of(participant.id)
        rows.append(
            {
                "name": participant.name,
                "walk_in": _walk_in(participant, lang),
                "sector": translate(f"sector.{participant.sector}", lang),
                "contact": contact["contact_person"],
                "email": contact["email"],
                "phone": contact["phone"],
                "deals": deals_of.get(participant.id, 0),
            }
        )
    return rows


def _csv_value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return inert_csv(value)


def to_csv(rows: list[dict], lang: str = "nb") -> bytes:
    columns = headers(lang)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")  # what Norwegian Excel expects
    writer.writerow([title for _, title in columns])
    for row in rows:
        writer.writerow([_csv_value(row.get(key, "")) for key, _ in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel then reads UTF-8


def _fill(sheet, titles: list[str], keys: list[str], rows: list[dict]) -> None:
    """One sheet: bold header, rows as inert text, dates as dates, an autofilter, widths."""
    sheet.append(titles)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.get(key, "") for key in keys])
        for key, cell in zip(keys, sheet[sheet.max_row], strict=True):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif key in DATE_COLUMNS and cell.value:
                cell.number_format = DATE_COLUMNS[key]
    for index, (key, title) in enumerate(zip(keys, titles, strict=True), start=1):
        longest = max([len(title)] + [len(str(r.get(key, ""))) for r in rows])
        width = 12 if key in DATE_COLUMNS else min(max(8, longest + 2), 50)
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def to_xlsx(
    rows: list[dict], title: str, lang: str = "nb", participants: list[dict] | None = None
) -> bytes:
    """The deals' sheet, and the participants' sheet when ``participants`` is given."""
    columns = headers(lang)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = translate("export.sheet", lang)
    _fill(sheet, [t for _, t in columns], [k for k, _ in columns], rows)
    if participants is not None:
        people = workbook.create_sheet(translate("export.sheet_participants", lang))
        titles = [title for _, title in participant_headers(lang)]
        _fill(people, titles, [k for k, _ in PARTICIPANT_COLUMNS], participants)
    workbook.properties.title = title
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
