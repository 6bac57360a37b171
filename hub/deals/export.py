"""The deal list as a spreadsheet (.xlsx) and as CSV: one row per deal.

Text typed by anyone is written as inert text: in CSV a leading ``= + - @`` is escaped with an
apostrophe (the OWASP advice for CSV injection); in the workbook every text cell is stored as a
string, never as a formula.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from hub.service import Hub
from shared.i18n import translate
from shared.participants.projection import ParticipantView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The columns in order: a row's key, and the catalog id of its header (``letter``: the party).
COLUMNS = [
    ("number", "export.column.number", ""),
    ("status", "export.column.status", ""),
    *(
        (f"{field}_{letter}", f"export.column.{field}", letter.upper())
        for letter in "ab"
        for field in ("party", "sector", "contact", "email", "phone", "gives")
    ),
    ("other_parties", "export.column.other_parties", ""),
    ("category", "export.column.category", ""),
    ("kind", "export.column.kind", ""),
    ("deadline", "export.column.deadline", ""),
    ("registered_at", "export.column.registered_at", ""),
    ("broker", "export.column.broker", ""),
    ("device", "export.column.device", ""),
]


def headers(lang: str = "nb") -> list[tuple[str, str]]:
    """Each column's key and its header in ``lang`` (bokmål unless asked)."""
    return [(key, translate(text, lang, letter=letter)) for key, text, letter in COLUMNS]


def inert_csv(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _status(deal, lang: str) -> str:
    status = "voided" if deal.voided else ("conflict" if deal.conflict else "ok")
    return translate(f"export.status.{status}", lang)


def _party_columns(hub: Hub, letter: str, party: dict, lang: str) -> dict:
    participant: ParticipantView | None = hub.evening.participants.get(party["participant_id"])
    contact = hub.contact_of(party["participant_id"])
    sector = participant.sector if participant else "unknown"
    return {
        f"party_{letter}": participant.name if participant else "?",
        f"sector_{letter}": translate(f"sector.{sector}", lang),
        f"contact_{letter}": contact["contact_person"],
        f"email_{letter}": contact["email"],
        f"phone_{letter}": contact["phone"],
        f"gives_{letter}": party.get("gives", ""),
    }


def deal_rows(hub: Hub, lang: str = "nb") -> list[dict]:
    evening = hub.evening
    rows = []
    deals = sorted(evening.deals.values(), key=lambda d: (d.registered_at, d.number))
    for deal in deals:
        row = {
            "number": deal.number,
            "status": _status(deal, lang),
            "category": translate(f"category.{deal.category}", lang),
            "kind": translate(f"kind.{deal.kind}", lang),
            "deadline": deal.deadline,
            "registered_at": deal.registered_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
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


def to_csv(rows: list[dict], lang: str = "nb") -> bytes:
    columns = headers(lang)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")  # what Norwegian Excel expects
    writer.writerow([title for _, title in columns])
    for row in rows:
        writer.writerow([inert_csv(row.get(key, "")) for key, _ in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel then reads UTF-8


def to_xlsx(rows: list[dict], title: str, lang: str = "nb") -> bytes:
    columns = headers(lang)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = translate("export.sheet", lang)
    sheet.append([header for _, header in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.get(key, "") for key, _ in columns])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    for index, (key, header) in enumerate(columns, start=1):
        longest = max([len(header)] + [len(str(r.get(key, ""))) for r in rows])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(8, longest + 2), 50)
    sheet.freeze_panes = "A2"
    workbook.properties.title = title
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
