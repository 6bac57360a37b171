"""Name tags: the longest Norwegian organisation names fit their badge on every sheet (shrunk,
two lines at most, none cut), the text reads back, and each QR code names its participant."""

from __future__ import annotations

import io
import uuid

import pytest
from pypdf import PdfReader

from hub.printing.badges import LAYOUTS, Badge, badges_pdf, fit_name
from hub.printing.kit import Sheet
from tests.printing.reading import pages_text, qr_codes

# The ten longest names found in the registers of Oslo's districts and their likes (or made up
# in their image): long words, dashes, commas, a compound of forty letters.
LONGEST = [
    "Kreftforeningens frivillige besøkstjeneste ved Oslo universitetssykehus",
    "Ungdom og Fritid – Landsforeningen for fritidsklubber og ungdomshus",
    "Foreningen for barn og unge med funksjonsnedsettelser i Gamle Oslo",
    "Landsforeningen for hjerte- og lungesyke, Oslo Sør lokallag",
    "Landsforeningen for Pårørende innen Psykisk helse Oslo",
    "Kirkens Bymisjon Oslo, Frivilligsentralen i Gamle Oslo",
    "Oslo Røde Kors Hjelpekorps – Søk og redning, Østmarka",
    "Bydel Gamle Oslo, Enhet for mangfold og inkludering",
    "Norsk Folkehjelp Sanitet Oslo, Akershus og Østfold",
    "Kvernbakkenborettslagsvelforeningsstyret Sagene SA",
]
ADDRESS = "http://192.168.100.100:8000/catalogue"


def badges(names: list[str]) -> list[Badge]:
    made = []
    for index, name in enumerate(names):
        pid = str(uuid.UUID(int=index + 1))
        sector = ("voluntary", "public", "business")[index % 3]
        made.append(Badge(pid, name, "Ingrid Marie Østby-Kristiansen", sector, sector.upper(),
                          f"{ADDRESS}/{pid}"))  # fmt: skip
    return made


def unwrapped(text: str) -> str:
    """A badge's lines read back as one name (a compound split by a hyphen joined again)."""
    return text.replace("-\n", "").replace("\n", " ")


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_ten_longest_names_fit_every_badge_and_read_back(layout):
    made = badges(LONGEST)
    printout = badges_pdf(made, layout)
    assert printout.cut == [] and printout.count == 10
    text = unwrapped("\n".join(pages_text(printout.pdf)))
    for name in LONGEST:
        assert name in text or name.replace("-\n", "") in text, name
    assert "Ingrid Marie Østby-Kristiansen" in text
    codes = [code for page in qr_codes(printout.pdf) for code in page]
    assert codes == [b.qr for b in made]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_no_line_of_a_long_name_is_wider_than_its_box(layout):
    spec = LAYOUTS[layout]
    sheet = Sheet()
    sheet.add_page()
    room = spec.w * 0.6
    for name in LONGEST:
        size, lines, cut = fit_name(sheet, name, room, spec.h * 0.5, spec.largest, spec.smallest)
        assert not cut and 1 <= len(lines) <= 2
        sheet.set_font("SourceSans", "B", size)
        assert all(sheet.get_string_width(line) <= room + 1e-6 for line in lines), lines
    sheet.bytes()  # lets go of the font files


def test_a_name_that_cannot_fit_is_cut_visibly_and_named():
    hopeless = "X" * 119 + " Y"
    printout = badges_pdf(badges(["Sagene IF", hopeless]), "a4-3x8")
    assert printout.cut == [hopeless]
    assert "…" in pages_text(printout.pdf)[0]


def test_sheets_and_single_badges_have_their_page_sizes():
    made = badges(LONGEST + LONGEST[:3])  # 13 tags
    for layout, pages, size in (("a4-2x5", 2, (210, 297)), ("a4-3x8", 1, (210, 297)),
                                ("single", 13, (86, 55))):  # fmt: skip
        reader = PdfReader(io.BytesIO(badges_pdf(made, layout).pdf))
        assert len(reader.pages) == pages
        box = reader.pages[0].mediabox
        assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == size
