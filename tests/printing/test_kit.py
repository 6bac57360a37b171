"""The printing kit: Norwegian letters survive into the PDF, a character the font lacks is
printed as a stand-in rather than dropped with a warning, and a QR code decodes back."""

from __future__ import annotations

import pytest

from hub.printing.kit import MISSING_GLYPH, Sheet, printable
from tests.printing.reading import pages_text, qr_codes


def test_norwegian_letters_are_printed_as_typed():
    sheet = Sheet(title="Børskatalog", footer_text="Frivilligbørs · Grünerløkka")
    sheet.add_page()
    sheet.heading("Børskatalog for Årstad")
    sheet.paragraph("Røde Kors trenger et lokale på tirsdager. ÆØÅ æøå é ü")
    (text,) = pages_text(sheet.bytes())
    assert "Børskatalog for Årstad" in text
    assert "Røde Kors trenger et lokale på tirsdager. ÆØÅ æøå é ü" in text
    assert "Frivilligbørs · Grünerløkka" in text


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Røde Kors", "Røde Kors"),
        ("Korps 🎺 Sagene", f"Korps {MISSING_GLYPH} Sagene"),
        ("line\nbreak", "line\nbreak"),
        (None, ""),
    ],
)
def test_characters_the_font_lacks_get_a_stand_in(typed, printed):
    assert printable(typed) == printed


def test_an_emoji_in_a_name_does_not_break_the_page():
    sheet = Sheet()
    sheet.add_page()
    sheet.paragraph("Korps 🎺 Sagene")  # filterwarnings=error: a missing glyph would fail here
    assert "Korps ? Sagene" in pages_text(sheet.bytes())[0]


def test_a_qr_code_decodes_back_to_its_address():
    sheet = Sheet()
    sheet.add_page()
    sheet.qr("https://bors.example.no/catalogue/abc?lang=en", x=50, y=50, size=60)
    sheet.add_page()
    assert qr_codes(sheet.bytes()) == [["https://bors.example.no/catalogue/abc?lang=en"], []]


def test_a_long_name_shrinks_to_fit_its_line():
    sheet = Sheet()
    sheet.add_page()
    name = "Foreningen for kultur, idrett og fritid på Grünerløkka og Sofienberg"
    size = sheet.fit_size(name, width=80, largest=28)
    assert size < 28
    assert sheet.get_string_width(name) <= 80
    assert sheet.fit_size("Røde Kors", width=80, largest=28) == 28
