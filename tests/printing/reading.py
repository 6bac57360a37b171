"""Reading a printed PDF back as a person or a phone would: its text and its QR codes.

pypdf extracts the text and the embedded images; zxing-cpp decodes the QR codes in them (a
wheel with the decoder inside, no system library).
"""

from __future__ import annotations

import io

import zxingcpp
from pypdf import PdfReader


def pages_text(pdf: bytes) -> list[str]:
    """The text of every page, in order."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def qr_codes(pdf: bytes) -> list[list[str]]:
    """Per page, what every QR code on it says."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        texts = []
        for image in page.images:
            texts += [code.text for code in zxingcpp.read_barcodes(image.image)]
        found.append(texts)
    return found
