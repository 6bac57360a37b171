"""Posters for the poster workshop: the logo, the organisation, "Vi tilbyr" and "Vi trenger".

One participant a page, A4 or A3 portrait, readable from three metres: the name at up to 64 pt
(A4; A3 scales everything by √2), each offer and need at 26 pt unless there are so many that
they must shrink to fit the page (never below 16 pt, and a list too long even then ends with
"…" and how many more, rather than running off the sheet).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fpdf.enums import MethodReturnValue, XPos, YPos

from hub.printing.badges import PT, fit_name
from hub.printing.kit import BRAND, FONT, INK, MUTED, Sheet, printable

SIZES = {"A4": 1.0, "A3": 2**0.5}
ITEM_LARGEST, ITEM_SMALLEST = 26.0, 16.0


@dataclass(frozen=True)
class Poster:
    name: str
    sector_label: str
    offers: list[str]  # "Kategori: what they offer"
    needs: list[str]
    logo: Path | None = None


def _items_height(sheet: Sheet, items: list[str], width: float, size: float) -> float:
    sheet.set_font(FONT, "", size)
    return sum(
        sheet.multi_cell(
            width,
            size * PT * 1.2,
            printable(f"• {item}"),
            align="L",
            dry_run=True,
            output=MethodReturnValue.HEIGHT,
        )
        for item in items
    )


def _item_size(sheet: Sheet, lists: list[list[str]], width: float, room: float, k: float):
    """The largest size at which every list fits ``room`` mm (with its heading)."""
    size = ITEM_LARGEST * k
    while size > ITEM_SMALLEST * k:
        needed = sum(_items_height(sheet, items, width, size) for items in lists)
        if needed + len(lists) * 20 * k <= room:
            break
        size -= 1
    return size


def _list(sheet: Sheet, heading: str, items: list[str], size: float, bottom: float, k: float):
    sheet.set_font(FONT, "B", 34 * k)
    sheet.set_text_color(*BRAND)
    sheet.cell(0, 15 * k, printable(heading), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    sheet.set_text_color(*INK)
    sheet.set_font(FONT, "", size)
    line = size * PT * 1.2
    for index, item in enumerate(items):
        text = printable(f"• {item}")
        height = sheet.multi_cell(
            0, line, text, align="L", dry_run=True, output=MethodReturnValue.HEIGHT
        )
        if sheet.get_y() + height > bottom:
            more = len(items) - index
            sheet.set_text_color(*MUTED)
            sheet.multi_cell(0, line, f"… (+{more})", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            sheet.set_text_color(*INK)
            break
        sheet.multi_cell(0, line, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    sheet.ln(4 * k)


def _poster(sheet: Sheet, poster: Poster, k: float, words) -> None:
    margin = 15 * k
    sheet.set_margins(margin, margin, margin)
    width = sheet.w - 2 * margin
    y = margin
    if poster.logo is not None:
        sheet.picture(poster.logo, x=margin, y=y, w=width, h=40 * k)
        y += 44 * k
    size, lines, _cut = fit_name(sheet, poster.name, width, 60 * k, 64 * k, 24 * k)
    sheet.set_font(FONT, "B", size)
    for line in lines:
        sheet.set_xy(margin, y)
        sheet.cell(width, size * PT * 1.12, line, align="C")
        y += size * PT * 1.12
    sheet.set_xy(margin, y + 2 * k)
    sheet.set_font(FONT, "", 18 * k)
    sheet.set_text_color(*MUTED)
    sheet.cell(width, 9 * k, printable(poster.sector_label), align="C")
    sheet.set_text_color(*INK)
    sheet.set_xy(margin, y + 16 * k)
    bottom = sheet.h - margin
    lists = [(words("posters.offers"), poster.offers), (words("posters.needs"), poster.needs)]
    shown = [(heading, items) for heading, items in lists if items]
    item = _item_size(sheet, [items for _h, items in shown], width, bottom - sheet.get_y(), k)
    for heading, items in shown:
        _list(sheet, heading, items, item, bottom, k)


def posters_pdf(posters: list[Poster], size: str, words, title: str = "") -> bytes:
    """One page per poster, ``size`` "A4" or "A3"; ``words(id)`` gives the headings' texts."""
    k = SIZES[size]
    sheet = Sheet(title=title or words("posters.title"))
    sheet.set_auto_page_break(False)
    for poster in posters:
        sheet.add_page(format=size)
        _poster(sheet, poster, k, words)
    if not posters:
        sheet.add_page(format=size)
    return sheet.bytes()
