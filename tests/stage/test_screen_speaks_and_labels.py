"""The stage screen takes ``?lang=en`` and the guests' phone page names the record as the
record to beat (issue 11, item 8)."""

from __future__ import annotations

import re


def test_the_stage_screen_follows_lang_in_its_address(seeded_guest):
    english = seeded_guest.get("/screen?lang=en").get_data(as_text=True)
    norwegian = seeded_guest.get("/screen").get_data(as_text=True)
    assert 'lang="en"' in english and 'lang="nb"' in norwegian
    assert "participants" in english and "deltakere" in norwegian
    # The page keeps asking for its board in the language it was opened in.
    live_url = re.search(r'data-live-url="([^"]+)"', english).group(1)
    assert live_url.endswith("lang=en")
    board = seeded_guest.get(live_url.replace("&amp;", "&") + "&v=x").get_data(as_text=True)
    assert "participants" in board and "deltakere" not in board
    assert "deltakere" in seeded_guest.get("/screen/live?v=x").get_data(as_text=True)


def test_the_phone_page_names_the_record_to_beat(seeded_organiser, seeded_guest):
    seeded_organiser.post(
        "/records",
        data={"name": "Sagene 2022", "date": "2022-05-04", "deals": "51", "participants": "50"},
    )
    page = seeded_guest.get("/count").get_data(as_text=True)
    assert "Rekorden å slå" in page and "Tidligere børser" not in page
