"""The rule kit's text cleaning (shared.core.checks): what every typed field goes through."""

from __future__ import annotations

import pytest

from shared.core.checks import clean_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Kvernerbyen  ", "Kvernerbyen"),
        ("Rød\x07e Kors", "Røde Kors"),
        ("to\n\nlinjer", "to linjer"),
        ("\x7f", ""),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean
