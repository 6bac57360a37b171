"""QR notes to hang in the venue: A4 sheets, each with one large QR code to the catalogue.

The first sheet points to the whole catalogue; one more per category that has entries points
to the catalogue filtered to it, for the tables or walls where that category gathers.
"""

from __future__ import annotations

from collections.abc import Callable

from hub.printing.kit import BRAND, MUTED, Sheet

NOTE_QR = 150.0  # mm: readable from a couple of metres


def note_addresses(catalogue, address: str, names: dict[str, str]) -> list[tuple[str, str]]:
    """``[(heading, url)]``: the whole catalogue, then each category that has entries."""
    used = {r.category for e in catalogue.entries() for r in e.resources}
    # category codes are slugs ([a-z0-9-]): nothing in them needs quoting in a URL
    return [("", address)] + [
        (name, f"{address}?category={code}") for code, name in names.items() if code in used
    ]


def qr_notes_pdf(
    catalogue, names: dict[str, str], words: Callable[..., str], address: str, evening: dict
) -> bytes:
    title = words("catalogue.qr_note_title")
    sheet = Sheet(title=title)
    for heading, url in note_addresses(catalogue, address, names):
        sheet.add_page()
        sheet.ln(6)
        sheet.centred(title, size=40, style="B", color=BRAND)
        if heading:
            sheet.centred(heading, size=26, style="B")
        if evening.get("name"):
            sheet.centred(evening["name"], size=16, color=MUTED)
        sheet.ln(4)
        sheet.qr(url, x=(sheet.w - NOTE_QR) / 2, y=sheet.get_y(), size=NOTE_QR)
        sheet.set_y(sheet.get_y() + NOTE_QR + 4)
        sheet.centred(words("catalogue.qr_note_text"), size=16)
        sheet.ln(2)
        sheet.centred(url, size=11, color=MUTED)
    return sheet.bytes()
