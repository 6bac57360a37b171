"""The broker's picker: arrived first, folded and alike names, a detail that tells two alike
names apart, what each party offers and needs; a walk-in's name typed again is the one known,
so a replayed evening of walk-ins makes each organisation once."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub.service import Hub
from kiosk.checkin import service as door
from kiosk.deals import picker
from kiosk.service import Kiosk
from tests.support.sync import pull, push


def walk_in_deal(first: tuple[str, str], second: tuple[str, str]) -> dict:
    return {
        "parties": [
            {"walk_in": {"name": first[0], "sector": first[1]}, "gives": "Lokale"},
            {"walk_in": {"name": second[0], "sector": second[1]}, "gives": "Kurs"},
        ],
        "category": "premises",
        "kind": "mutual",
        "deadline": "2027-03-01",
        "broker": "Kari",
    }


def names(found) -> list[str]:
    return [s.participant.name for s in found]


def test_a_walk_in_added_on_this_tablet_is_found_at_once_however_it_is_typed(kiosk: Kiosk):
    kiosk.register_deal(walk_in_deal(("Røde Kors Sagene", "voluntary"), ("Ny Bakst", "business")))
    for typed in ("røde", "rode kors", "RØDE KORS S", "kors", "Rde Kors"):
        assert "Røde Kors Sagene" in names(picker.suggestions(kiosk.evening, typed)), typed


def test_those_who_have_arrived_come_first(kiosk: Kiosk):
    kiosk.register_deal(walk_in_deal(("Sagene Sjakklubb", "voluntary"), ("Ny Bakst", "business")))
    assert names(picker.suggestions(kiosk.evening, "sagene"))[0] == "Sagene IF"
    sjakk = picker.suggestions(kiosk.evening, "sagene sjakk")[0].participant
    door.check_in(kiosk, sjakk.id)
    found = picker.suggestions(kiosk.evening, "sagene")
    assert names(found)[0] == "Sagene Sjakklubb" and found[0].here


def test_a_name_typed_again_as_a_walk_in_is_the_one_known(kiosk: Kiosk, kiosk_client):
    before = len(kiosk.evening.participants)
    for typed in ("Torshov Sjakk", "torshov sjakk", "Torshov  Sjakk!"):
        deal = walk_in_deal((typed, "voluntary"), ("Sagene IF", "voluntary"))
        assert kiosk_client.post("/api/deals", json=deal).status_code == 201
    assert len(kiosk.evening.participants) == before + 1  # Sagene IF was known already
    alike = picker.alike(kiosk.evening, "Torshof Sjak")
    assert names(alike) == ["Torshov Sjakk"]  # offered before a new one is made
    assert picker.alike(kiosk.evening, "Bydel Frogner") == []


def test_two_alike_names_show_what_tells_them_apart(tmp_path: Path, sagene_hub: Hub):
    tablets = [Kiosk(tmp_path / f"t{n}") for n in (1, 2)]
    try:
        for tablet in tablets:  # offline, each adds "Torshov IL" as a walk-in at the door
            door.check_in_walk_in(tablet, {"name": "Torshov IL", "sector": "voluntary"})
            push(tablet, sagene_hub)
        pull(tablets[0], sagene_hub)
        found = picker.suggestions(tablets[0].evening, "torshov")
        assert names(found) == ["Torshov IL", "Torshov IL"]
        details = [s.detail for s in found]
        assert all(details) and details[0] != details[1]
    finally:
        for tablet in tablets:
            tablet.close()


def test_the_search_api_says_what_each_offers_and_needs(kiosk_client):
    (found,) = kiosk_client.get("/api/participants?q=sagene if").get_json()["participants"]
    assert {"needs", "offers", "arrived", "walk_in", "detail"} <= set(found)


def test_the_suggestions_are_a_listbox_of_options_for_the_combobox(kiosk_client):
    html = kiosk_client.get("/participants/search?slot=1&q=sag").get_data(as_text=True)
    assert 'role="listbox" id="p1-listbox"' in html
    assert html.count('role="option"') == 2 and 'id="p1-option-1"' in html
    page = kiosk_client.get("/").get_data(as_text=True)
    assert 'role="combobox"' in page and 'aria-controls="p0-suggestions"' in page
    assert kiosk_client.get("/participants/search?slot=x&q=sag").status_code == 400


ORGANISATIONS = [
    ("Sagene IF", "voluntary"), ("Bydel Sagene", "public"),
    ("Torshov Bakeri AS", "business"), ("Røde Kors Sagene", "voluntary"),
    ("Sagene Frivilligsentral", "voluntary"), ("Kvernerbyen Borettslag", "voluntary"),
    ("Sagene skole", "public"), ("Bjølsen Sykehjem", "public"),
    ("Elektriker Hansen AS", "business"), ("Torshov Kulturhus", "public"),
    ("Sandaker Senter", "business"), ("Bjølsen Ungdomsklubb", "public"),
    ("Lilleborg Sjakklubb", "voluntary"), ("Sagene Lions", "voluntary"),
    ("Regnskap Nord AS", "business"), ("Nordre Aker Budstikke", "business"),
    ("Bydel Sagene Helsestasjon", "public"), ("Torshov Sportsklubb", "voluntary"),
]  # fmt: skip
# 49 deals, each organisation in five or six, no pair twice (a double would be a conflict)
PAIRS = [(i % 18, (i % 18 + (1, 5, 7)[i // 18]) % 18) for i in range(49)]


@pytest.mark.parametrize("spelling", [str, str.lower])
def test_49_deals_between_18_walk_in_organisations_make_18_participants(
    tmp_path: Path, hub: Hub, spelling
):
    """The replay in issue 14: every party typed as a walk-in, the same names over and over."""
    tablet = Kiosk(tmp_path / "tablet")
    try:
        pairs = PAIRS
        assert len({frozenset(pair) for pair in pairs}) == 49
        for a, b in pairs:
            first, second = ORGANISATIONS[a], ORGANISATIONS[b]
            tablet.register_deal(
                walk_in_deal((spelling(first[0]), first[1]), (spelling(second[0]), second[1]))
            )
        assert len(pairs) == 49
        assert len(tablet.evening.participants) == 18
        push(tablet, hub)
        assert len(hub.evening.participants) == 18
        assert hub.evening.stats()["deals"] == 49
        assert hub.evening.stats()["conflicts"] == 0
    finally:
        tablet.close()
