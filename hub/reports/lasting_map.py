"""The catalogue kept as a lasting map of the community's needs and offers (issue 16): after
the evening the organiser browses it, filters it and takes it away as xlsx or CSV for other
uses. Only who agreed to be shown in the catalogue and is still in the register (the
catalogue's own rule, :func:`shared.catalogue.projection.in_catalogue`: withdrawn, merged or
erased participants drop out at once), and no contact details: the map says who offers what,
the register says how to reach them."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from hub.deals.export import inert_csv
from shared.catalogue.text import fold
from shared.core.vocabulary import CATEGORIES, SECTORS
from shared.i18n import translate

SIDES = ("need", "offer")
COLUMNS = ("name", "sector", "side", "category", "text", "deals")


def clean_filters(args) -> dict:
    return {
        "q": str(args.get("q", "")).strip()[:100],
        "sector": args.get("sector", "") if args.get("sector") in SECTORS else "",
        "category": args.get("category", "") if args.get("category") in CATEGORIES else "",
        "side": args.get("side", "") if args.get("side") in SIDES else "",
    }


def _wanted(entry, resource, filters: dict, words: list[str]) -> bool:
    if filters["sector"] and entry.participant.sector != filters["sector"]:
        return False
    if filters["category"] and resource.category != filters["category"]:
        return False
    if filters["side"] and resource.side != filters["side"]:
        return False
    haystack = fold(f"{entry.participant.name} {resource.text}")
    return all(word in haystack for word in words)


def rows(evening, filters: dict, lang: str) -> list[dict]:
    """One row per need or offer of everyone the catalogue shows."""
    deals = {}
    for deal in evening.deals.counted_deals():
        for pid in deal.party_ids:
            deals[pid] = deals.get(pid, 0) + 1
    words = fold(filters["q"]).split()
    found = []
    for entry in evening.catalogue.entries():
        for resource in entry.resources:
            if not _wanted(entry, resource, filters, words):
                continue
            found.append(
                {
                    "name": entry.participant.name,
                    "sector": translate(f"sector.{entry.participant.sector}", lang),
                    "side": translate(f"report.map.side.{resource.side}", lang),
                    "category": translate(f"category.{resource.category}", lang),
                    "text": resource.text,
                    "deals": deals.get(entry.id, 0),
                }
            )
    return found


def titles(lang: str) -> list[str]:
    return [translate(f"report.map.column.{key}", lang) for key in COLUMNS]


def to_csv(found: list[dict], lang: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")  # what Norwegian Excel expects
    writer.writerow(titles(lang))
    for row in found:
        writer.writerow([inert_csv(row[key]) for key in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(found: list[dict], lang: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = translate("report.map.sheet", lang)
    sheet.append(titles(lang))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in found:
        sheet.append([row[key] for key in COLUMNS])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    for letter, width in zip("ABCDEF", (32, 14, 10, 24, 60, 8), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
