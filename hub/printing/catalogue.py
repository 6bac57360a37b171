"""The printable børskatalog: A4, ordered by the evening's categories, then by name.

Each category has its offers first (what one can get here), then its needs, each line naming
the participant and their sector. The first page says what the catalogue is and carries a QR
code to the online one. Nothing personal beyond what the public page shows: no contact details.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hub.printing.kit import MUTED, Sheet

QR_SIZE = 38.0  # mm: scannable from arm's length


def _lines_by_category(catalogue) -> dict[str, dict[str, list]]:
    """``{category: {"offer": [(entry, resource)], "need": [...]}}`` over everyone shown."""
    found: dict[str, dict[str, list]] = {}
    for entry in catalogue.entries():  # by folded name
        for resource in entry.resources:
            sides = found.setdefault(resource.category, {"offer": [], "need": []})
            sides[resource.side].append((entry, resource))
    return found


def catalogue_pdf(
    catalogue,
    names: dict[str, str],
    words: Callable[..., str],
    address: str,
    evening: dict,
    today: dt.date | None = None,
) -> bytes:
    """The catalogue as a PDF. ``names``: category code -> its name in the reader's language;
    ``words(key, **values)``: the translations; ``address``: the online catalogue's URL."""
    title = words("catalogue.title")
    if evening.get("name"):
        title = f"{title} · {evening['name']}"
    printed = words("catalogue.printed_at", date=(today or dt.date.today()).strftime("%d.%m.%Y"))
    sheet = Sheet(title=title, footer_text=f"{title} · {printed}")
    sheet.add_page()
    top = sheet.get_y()
    sheet.qr(address, x=sheet.w - sheet.r_margin - QR_SIZE, y=top, size=QR_SIZE)
    sheet.set_right_margin(sheet.r_margin + QR_SIZE + 5)
    sheet.heading(title, size=24)
    sheet.paragraph(words("catalogue.lead"), size=11)
    sheet.paragraph(address, size=9, color=MUTED)
    sheet.set_right_margin(sheet.l_margin)
    sheet.set_y(max(sheet.get_y(), top + QR_SIZE) + 4)
    by_category = _lines_by_category(catalogue)
    if not by_category:
        sheet.paragraph(words("catalogue.print_empty"))
    order = list(names) + sorted(set(by_category) - set(names))
    for code in order:
        if code in by_category:
            _category(sheet, names.get(code, code), by_category[code], words)
    return sheet.bytes()


def _category(sheet: Sheet, name: str, sides: dict[str, list], words) -> None:
    sheet.needs_room(30)
    sheet.ln(3)
    sheet.heading(name, size=16, after=1)
    for side, label in (("offer", "catalogue.offers"), ("need", "catalogue.needs")):
        if not sides[side]:
            continue
        sheet.needs_room(14)
        sheet.paragraph(words(label).upper(), size=9, style="B", color=MUTED)
        for entry, resource in sides[side]:
            participant = entry.participant
            sheet.needs_room(10)
            sector = words(f"sector.{participant.sector}")
            sheet.paragraph(f"{participant.name} ({sector})", size=10.5, style="B", indent=2)
            sheet.paragraph(resource.text, size=10.5, indent=6)
        sheet.ln(1.5)
