"""The printing kit: A4 sheets in one font that carries Norwegian letters, and QR codes.

Built on fpdf2. The font is Source Sans Pro (SIL OFL 1.1), shipped as TTF files inside the
``font-source-sans-pro`` package from PyPI, so a printout looks the same on any laptop and needs
no system fonts. fpdf2 embeds only the glyphs used. A character the font lacks (an emoji in an
organisation's name) would make fpdf2 warn and print nothing for it: :func:`printable` puts a
visible stand-in there instead, and every text method of :class:`Sheet` passes through it.

QR codes are made by segno as PNG images (black on white, a quiet zone of four modules, error
correction M, enough for a note that gets folded or scuffed on a wall).

Use::

    sheet = Sheet(title="Børskatalog")
    sheet.add_page()
    sheet.heading("Børskatalog")
    sheet.paragraph("Røde Kors trenger et lokale på tirsdager.")
    sheet.qr("https://bors.example.no/catalogue", x=60, y=120, size=90)
    return pdf_response(sheet.bytes(), "catalogue.pdf")
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import font_source_sans_pro
import segno
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT = "SourceSans"
_FONT_FILES = {  # fpdf2 style -> file in the font package
    "": "SourceSansPro-Regular.ttf",
    "B": "SourceSansPro-Bold.ttf",
    "I": "SourceSansPro-It.ttf",
    "BI": "SourceSansPro-BoldIt.ttf",
}
MISSING_GLYPH = "?"
A4 = (210.0, 297.0)  # mm, portrait
MARGIN = 15.0  # mm: inside what most office printers reach
INK = (20, 20, 20)
MUTED = (95, 95, 95)
BRAND = (11, 93, 82)  # the hub's --brand (#0b5d52), dark enough for grey-scale printers


# Every block of text ends at the left margin of the next line (fpdf2's default leaves x at
# the right end of the block, where the next full-width block has no room at all).
_NEXT_LINE = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}


def font_path(style: str = "") -> Path:
    """The TTF file of one style ("", "B", "I", "BI")."""
    return Path(font_source_sans_pro.font_directory) / _FONT_FILES[style]


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    """The code points the regular and bold faces both carry."""
    maps = []
    for style in ("", "B"):
        with TTFont(font_path(style)) as face:
            maps.append(set(face.getBestCmap()))
    return frozenset(set.intersection(*maps))


def printable(text: object) -> str:
    """``text`` as the font can print it: characters it lacks become :data:`MISSING_GLYPH`."""
    covered = _covered()
    return "".join(
        ch if ord(ch) in covered or ch in "\n\t" else MISSING_GLYPH for ch in str(text or "")
    )


def qr_png(data: str, scale: int = 10, mask: int | None = None) -> bytes:
    """A QR code for ``data`` (usually an address) as PNG bytes, ``scale`` pixels a module;
    ``mask`` fixes the mask pattern (0-7) instead of trying all eight (many codes at once)."""
    code = segno.make(data, error="m", micro=False, mask=mask)
    out = io.BytesIO()
    code.save(out, kind="png", scale=scale, border=4, dark="black", light="white")
    return out.getvalue()


class Sheet(FPDF):
    """An A4 document (portrait by default) in the kit's font, with its margins and a footer
    line (``footer_text`` and the page number) when ``footer_text`` is given."""

    def __init__(self, title: str = "", orientation: str = "P", footer_text: str = "") -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        for style in _FONT_FILES:
            self.add_font(FONT, style, str(font_path(style)))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + (6 if footer_text else 0))
        self.footer_text = printable(footer_text)
        self.set_title(printable(title))
        self.set_creator("Frivilligbørs")
        self.set_lang("nb")
        self.set_font(FONT, size=11)
        self.set_text_color(*INK)

    # --- text ----------------------------------------------------------------------------------

    def heading(self, text: str, size: float = 22, color=BRAND, after: float = 3) -> None:
        """A heading on its own line(s), across the page."""
        self.set_font(FONT, "B", size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.45, printable(text), align="L", **_NEXT_LINE)
        self.set_text_color(*INK)
        self.set_font(FONT, "", 11)
        self.ln(after)

    def paragraph(
        self, text: str, size: float = 11, style: str = "", color=INK, indent: float = 0
    ) -> None:
        """Text that wraps at the right margin; ``indent`` mm from the left margin."""
        self.set_font(FONT, style, size)
        self.set_text_color(*color)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.epw - indent, size * 0.5, printable(text), align="L", **_NEXT_LINE)
        self.set_text_color(*INK)

    def centred(self, text: str, size: float, style: str = "", color=INK) -> None:
        """One or more centred lines across the page (posters, notes)."""
        self.set_font(FONT, style, size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.45, printable(text), align="C", **_NEXT_LINE)
        self.set_text_color(*INK)

    def fit_size(self, text: str, width: float, largest: float, smallest: float = 6) -> float:
        """The largest font size (bold) at which ``text`` fits on one line of ``width`` mm
        (name tags: a long organisation name shrinks rather than wraps)."""
        size = largest
        self.set_font(FONT, "B", size)
        while size > smallest and self.get_string_width(printable(text)) > width:
            size -= 0.5
            self.set_font(FONT, "B", size)
        return size

    def needs_room(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit on this one (keeps a block whole)."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    # --- pictures ------------------------------------------------------------------------------

    def qr(
        self, data: str, x: float, y: float, size: float, mask: int | None = None, scale: int = 10
    ) -> None:
        """A QR code for ``data``, ``size`` mm square (quiet zone included) at (x, y); many
        small ones (name tags) go faster with a fixed ``mask`` and fewer pixels a module."""
        png = qr_png(data, scale=scale, mask=mask)
        self.image(io.BytesIO(png), x=x, y=y, w=size, h=size, alt_text=printable(data))

    def picture(self, path: Path, x: float, y: float, w: float, h: float) -> None:
        """An image (a participant's logo) fitted inside the box w × h, centred in it."""
        from PIL import Image

        with Image.open(path) as image:
            ratio = min(w / image.width, h / image.height)
            shown_w, shown_h = image.width * ratio, image.height * ratio
        self.image(str(path), x=x + (w - shown_w) / 2, y=y + (h - shown_h) / 2, w=shown_w)

    # --- the page ------------------------------------------------------------------------------

    def footer(self) -> None:
        if not self.footer_text:
            return
        self.set_y(-MARGIN)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 4, self.footer_text, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, str(self.page_no()), align="R")
        self.set_text_color(*INK)

    def bytes(self) -> bytes:
        try:
            return bytes(self.output())
        finally:
            self.close_fonts()

    def close_fonts(self) -> None:
        """fpdf2 reads each font file lazily and leaves it open until the collector runs (a
        ResourceWarning, an error under the tests' filterwarnings): close them ourselves."""
        for font in getattr(self, "fonts", {}).values():
            ttfont = getattr(font, "ttfont", None)
            if ttfont is not None:
                ttfont.close()

    def __del__(self) -> None:
        # A sheet dropped before its bytes were taken (a refused request) closes its fonts too.
        self.close_fonts()


def pdf_response(data: bytes, filename: str, inline: bool = True):
    """A Flask response carrying a PDF (shown in the browser, or downloaded)."""
    from flask import Response

    disposition = "inline" if inline else "attachment"
    return Response(
        data,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'{disposition}; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
