"""Name tags: the organisation large, the contact person, a band in the sector's colour, a QR.

The QR code is the participant's catalogue page, whose address ends in their id: a tablet's
camera at the door reads the id from it (:mod:`kiosk.checkin`), a phone opens the page. Sheets:
A4 labels of 86 × 55 mm (2 × 5, Avery L7418 and its likes) or 70 × 37 mm (3 × 8, Avery 3475),
or one badge per page of 86 × 55 mm for a label printer.

A long name shrinks to fit, on one line or two, never more; what still does not fit at the
smallest size is cut with "…" and *named* in :attr:`Printout.cut`, which the page shows, so
nothing is cut silently. The sector's name is printed in its band, so a grey-scale printer
loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hub.printing.kit import FONT, INK, MUTED, Sheet, printable

PT = 0.3528  # mm per point
LINE = 1.12  # line height, in font sizes
SECTOR_COLOURS = {  # dark enough for white text on them
    "business": (31, 86, 150),
    "voluntary": (38, 110, 52),
    "public": (176, 74, 20),
}
OTHER_SECTOR = (90, 90, 90)
ELLIPSIS = "…"
QR_MASK = 2


@dataclass(frozen=True)
class Layout:
    """Badges ``w`` × ``h`` mm in ``columns`` × ``rows`` on each page of size ``page``."""

    code: str
    w: float
    h: float
    columns: int
    rows: int
    page: tuple[float, float] | str = "A4"
    left: float = 0.0
    top: float = 0.0
    gap_x: float = 0.0
    gap_y: float = 0.0
    largest: float = 24.0  # pt, the name's largest size
    smallest: float = 8.0  # pt: still readable at arm's length

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def origin(self, index: int) -> tuple[float, float]:
        column, row = index % self.columns, index // self.columns
        return (
            self.left + column * (self.w + self.gap_x),
            self.top + row * (self.h + self.gap_y),
        )


LAYOUTS = {
    layout.code: layout
    for layout in (
        Layout("a4-2x5", 86, 55, 2, 5, left=15, top=11, gap_x=8),
        Layout("a4-3x8", 70, 37, 3, 8, top=0.5, largest=18, smallest=7),
        Layout("single", 86, 55, 1, 1, page=(86, 55)),
    )
}
DEFAULT_LAYOUT = "a4-2x5"


@dataclass(frozen=True)
class Badge:
    participant_id: str
    name: str
    contact_person: str
    sector: str
    sector_label: str
    qr: str  # what the code says: the participant's catalogue page


@dataclass
class Printout:
    pdf: bytes
    count: int
    cut: list[str] = field(default_factory=list)  # names that did not fit even when shrunk


class _Measure:
    """Widths of the pieces of one name in the bold face, in mm at 1 pt, from prefix sums of
    the font's own advance widths (fpdf2's get_string_width shapes the text on every call,
    which made fitting 300 names take 10 s)."""

    def __init__(self, sheet: Sheet, text: str) -> None:
        advances = sheet.fonts[f"{FONT.lower()}B"].cw
        self.text = text
        self.scale = 1 / 1000 / sheet.k
        self.hyphen = advances[ord("-")] * self.scale
        self.ellipsis = advances[ord(ELLIPSIS)] * self.scale
        self.sums = [0.0]
        for ch in text:
            self.sums.append(self.sums[-1] + advances[ord(ch)] * self.scale)

    def of(self, start: int, end: int) -> float:
        return self.sums[end] - self.sums[start]

    def word_splits(self) -> list[tuple[float, int]]:
        """(width of the longer line, where) for each split at a space, narrowest first."""
        n = len(self.text)
        found = [
            (max(self.of(0, i), self.of(i + 1, n)), i)
            for i, ch in enumerate(self.text)
            if ch == " "
        ]
        return sorted(found)

    def hyphen_splits(self) -> list[tuple[float, int]]:
        """Splits inside a long compound (5 letters a side at least), narrowest first."""
        n, found = len(self.text), []
        start = 0
        for word in self.text.split(" "):
            if len(word) >= LONG_WORD and word.isalpha():
                for k in range(start + 5, start + len(word) - 4):
                    found.append((max(self.of(0, k) + self.hyphen, self.of(k, n)), k))
            start += len(word) + 1
        return sorted(found)


LONG_WORD = 12  # letters: a compound this long may be split with a hyphen


VOWELS = frozenset("aeiouyæøåéèêäöü")


def _between_consonants(text: str, at: int) -> bool:
    return not ({text[at - 1].lower(), text[at].lower()} & VOWELS)


def _sizes(largest: float, smallest: float):
    size = largest
    while size >= smallest:
        yield size
        size -= 0.5


def fit_name(
    sheet: Sheet, name: str, width: float, height: float, largest: float, smallest: float
) -> tuple[float, list[str], bool]:
    """(size in pt, lines, cut): the largest size at which ``name`` fits ``width`` × ``height``
    mm on one line or two, split between words; failing that, with a long compound split by a
    hyphen; at ``smallest`` still too long, it is cut with "…" (and says so)."""
    text = printable(" ".join(name.split()))
    m = _Measure(sheet, text)
    whole = m.of(0, len(text))
    words = m.word_splits()
    for size in _sizes(largest, smallest):
        if whole * size <= width and size * PT * LINE <= height:
            return size, [text], False
        if words and 2 * size * PT * LINE <= height and words[0][0] * size <= width:
            at = words[0][1]
            return size, [text[:at], text[at + 1 :]], False
    compounds = m.hyphen_splits()
    for size in _sizes(largest, smallest):
        fitting = [at for wide, at in compounds if wide * size <= width]
        if fitting and 2 * size * PT * LINE <= height:
            # between two consonants first (Kvernbakken-borettslaget, besøks-tjeneste)
            at = next((k for k in fitting if _between_consonants(text, k)), fitting[0])
            return size, [text[:at] + "-", text[at:]], False
    return smallest, _cut_to_fit(m, words, width / smallest), True


def _cut_to_fit(m: _Measure, words: list, room: float) -> list[str]:
    """Two lines, the second cut with "…" where it runs out of ``room`` (mm at 1 pt)."""
    text, n = m.text, len(m.text)
    first_end = words[0][1] if words else n
    while first_end > 1 and m.of(0, first_end) > room:  # a first line too long on its own
        first_end -= 1
    rest = first_end + 1 if first_end < n and text[first_end] == " " else first_end
    end = n
    while end > rest and m.of(rest, end) + m.ellipsis > room:
        end -= 1
    return [text[:first_end], text[rest:end].rstrip() + ELLIPSIS]


def _band(sheet: Sheet, badge: Badge, x: float, y: float, w: float, band: float) -> None:
    sheet.set_fill_color(*SECTOR_COLOURS.get(badge.sector, OTHER_SECTOR))
    sheet.rect(x, y, w, band, style="F")
    sheet.set_text_color(255, 255, 255)
    sheet.set_font(FONT, "B", band / PT * 0.55)
    sheet.set_xy(x + 3, y)
    sheet.cell(w - 6, band, printable(badge.sector_label.upper()), align="L")
    sheet.set_text_color(*INK)


@dataclass(frozen=True)
class _Boxes:
    """Where a badge's parts go (mm, from the badge's top left corner)."""

    name: tuple[float, float, float, float]  # x, y, w, h
    qr: tuple[float, float, float]  # x, y, size
    person: tuple[float, float, float, float]


def _beside(layout: Layout, contact: bool) -> _Boxes:
    """The name beside the QR code: the usual badge."""
    w, h = layout.w, layout.h
    pad, band = h * 0.06, h * 0.17
    qr = min(h - band - 2 * pad, w * 0.29)
    text_w = w - qr - 2 * pad
    person_h = h * 0.14 if contact else 0
    return _Boxes(
        (pad, band + pad, text_w, h - band - 2 * pad - person_h),
        (w - qr - pad * 0.5, band + pad, qr),
        (pad, h - pad - person_h, text_w, person_h),
    )


def _across(layout: Layout, contact: bool) -> _Boxes:
    """A very long name across the whole badge, the QR code smaller below it."""
    w, h = layout.w, layout.h
    pad, band = h * 0.06, h * 0.17
    name_h = (h - band - 2 * pad) * 0.45
    qr = h - band - 2 * pad - name_h - pad * 0.3
    person_h = h * 0.14 if contact else 0
    return _Boxes(
        (pad, band + pad, w - 2 * pad, name_h),
        (w - qr - pad * 0.5, h - pad - qr, qr),
        (pad, h - pad - person_h, w - qr - 2 * pad, person_h),
    )


def _draw(sheet: Sheet, layout: Layout, badge: Badge, x: float, y: float) -> bool:
    """One badge with its top left corner at (x, y); True when its name had to be cut."""
    margin = 2 * sheet.c_margin  # a cell keeps this much of its width clear of text
    sizes = (layout.largest, layout.smallest)
    for arrange in (_beside, _across):
        boxes = arrange(layout, bool(badge.contact_person))
        _nx, _ny, name_w, name_h = boxes.name
        size, lines, cut = fit_name(sheet, badge.name, name_w - margin, name_h, *sizes)
        if not cut:
            break
    sheet.set_draw_color(200, 200, 200)
    sheet.rect(x, y, layout.w, layout.h)  # a faint edge: where to cut on plain paper
    _band(sheet, badge, x, y, layout.w, layout.h * 0.17)
    qx, qy, qr = boxes.qr
    # A fixed mask (trying all eight took 14 ms a code) and 5 pixels a module (about 230 dpi
    # on a 25 mm code, sharp on paper): most of a name tag's time went to the code's picture.
    sheet.qr(badge.qr, x=x + qx, y=y + qy, size=qr, mask=QR_MASK, scale=5)
    nx, ny, name_w, name_h = boxes.name
    line_h = size * PT * LINE
    top = y + ny + (name_h - line_h * len(lines)) / 2
    sheet.set_font(FONT, "B", size)
    for i, line in enumerate(lines):
        sheet.set_xy(x + nx, top + i * line_h)
        sheet.cell(name_w, line_h, line, align="L")
    if badge.contact_person:
        px, py, person_w, person_h = boxes.person
        person = printable(badge.contact_person)
        person_size = min(sheet.fit_size(person, person_w - margin, person_h / PT * 0.8, 6), 14)
        sheet.set_font(FONT, "", person_size)
        sheet.set_text_color(*MUTED)
        sheet.set_xy(x + px, y + py)
        sheet.cell(person_w, person_h, person, align="L")
        sheet.set_text_color(*INK)
    return cut


def badges_pdf(badges: list[Badge], layout_code: str = DEFAULT_LAYOUT, title: str = "") -> Printout:
    """Every badge, in the order given, on sheets of ``layout_code`` (:data:`LAYOUTS`)."""
    layout = LAYOUTS[layout_code]
    sheet = Sheet(title=title or "Navnelapper")
    sheet.set_auto_page_break(False)
    sheet.set_margins(0, 0, 0)
    cut = []
    for index, badge in enumerate(badges):
        slot = index % layout.per_page
        if slot == 0:
            sheet.add_page(format=layout.page)
        x, y = layout.origin(slot)
        if _draw(sheet, layout, badge, x, y):
            cut.append(badge.name)
    if not badges:
        sheet.add_page(format=layout.page)
    return Printout(sheet.bytes(), len(badges), cut)
