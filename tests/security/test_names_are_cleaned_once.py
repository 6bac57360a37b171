"""Issue 11, item 24: names are normalised where every room's rules clean text
(:func:`shared.core.checks.clean_text`): Unicode NFC, no controls, no bidi overrides, no
zero-width characters. Before the fix a right-to-left override or a zero-width space was
stored as typed and reached the exports and the stage screen."""

from __future__ import annotations

import unicodedata

import pytest

from shared.core.checks import clean_text
from tests.support.sync import deal, sync

RLO, ZWSP, ZWJ, BOM, LRI = "\u202e", "\u200b", "\u200d", "\ufeff", "\u2066"
UNSEEN = [RLO, ZWSP, ZWJ, BOM, LRI, "\u200e", "\u2060", "\x07"]

CASES = [
    (f"{RLO}FI enegaS", "FI enegaS"),
    (f"Bakeri{ZWSP}et{ZWJ}", "Bakeriet"),
    (f"{BOM}Sagene{LRI} IF", "Sagene IF"),
    ("A\u030asen skole", "Åsen skole"),  # A + combining ring, as some keyboards send it
    ("Lag\u2028Nord", "Lag Nord"),
    ("Juss\x07buss", "Jussbuss"),
]


@pytest.mark.parametrize(("typed", "kept"), CASES)
def test_clean_text_normalises_and_drops_what_is_not_seen(typed, kept):
    assert clean_text(typed) == kept
    assert unicodedata.is_normalized("NFC", clean_text(typed))


def _has_unseen(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in UNSEEN if c in text]


def test_names_reach_neither_the_exports_nor_the_screen_as_typed(hub, kiosk, organiser):
    typed = f"{RLO}FI enegaS{ZWSP}"
    hub.register_participant({"name": typed, "sector": "voluntary"})
    assert "FI enegaS" in {p.name for p in hub.evening.participants.values()}
    sync(kiosk, hub)
    a = sorted(kiosk.evening.participants)[0]
    walk_in = {"walk_in": {"name": f"Bake{ZWJ}ri{BOM}et{RLO}", "sector": "business"}}
    body = deal(a, a)
    body["parties"][1] = {**walk_in, "gives": f"Kurs{LRI}"}
    body["broker"] = f"Ka{ZWSP}ri"
    kiosk.register_deal(body)
    sync(kiosk, hub)
    for path in ["/export.csv", "/participants", "/", "/screen", "/api/deals"]:
        answer = organiser.get(path)
        assert answer.status_code == 200, path
        page = answer.get_data(as_text=True).removeprefix(BOM)  # the CSV's own BOM, for Excel
        assert not _has_unseen(page), (path, _has_unseen(page))
    assert "Bakeriet" in organiser.get("/export.csv").get_data(as_text=True)


def test_a_tablet_name_is_cleaned_too(hub_app, hub, organiser):
    from tests.support.pairing import SealedSync

    tablet = SealedSync(hub_app.test_client(), hub)
    answer = organiser.post(f"/devices/{tablet.device_id}/name", data={"name": f"{RLO}Dør 1{ZWSP}"})
    assert answer.status_code == 302
    page = organiser.get("/devices").get_data(as_text=True)
    assert "Dør 1" in page and not _has_unseen(page)
