"""Searching the catalogue, as a person types it: case and Norwegian letters folded ("bors"
finds "børs", "Rode Kors" finds "Røde Kors"), each word the start of a word, every word
needed, filters by category and sector; the same table through the public API."""

from __future__ import annotations

import pytest

import hub as hub_web

# (typed, category, sector) -> the participants found, each with (needs, offers) that matched
CASES = [
    pytest.param("bors", "", "", {"Årstad Skolekorps": (0, 1)}, id="bors-finds-børs"),
    pytest.param("Rode Kors", "", "", {"Røde Kors Sagene": (2, 2)}, id="Rode-Kors-finds-Røde"),
    pytest.param("RØDE kors", "", "", {"Røde Kors Sagene": (2, 2)}, id="upper-case"),
    pytest.param("rod kor", "", "", {"Røde Kors Sagene": (2, 2)}, id="word-prefixes"),
    pytest.param("aarstad", "", "", {"Årstad Skolekorps": (1, 1)}, id="old-aa-finds-å"),
    pytest.param("grunerlokka", "", "", {"Grünerløkka Sjakklubb": (1, 1)}, id="umlaut-and-ø"),
    pytest.param(
        "øvingslokale", "", "",
        {"Årstad Skolekorps": (1, 0), "Kor Cantus": (1, 0)}, id="in-needs",
    ),
    pytest.param("piano onsdag", "", "", {"Kor Cantus": (1, 0)}, id="every-word-needed"),
    pytest.param("piano fredag", "", "", {}, id="one-word-missing"),
    pytest.param("kors lokale", "", "", {}, id="name-and-text-both-needed"),
    pytest.param(
        "lokale", "premises", "",
        {
            "Grünerløkka Sjakklubb": (1, 0),
            "Innvandrerforeningen Sagene": (1, 0),
            "Kaffebrenneriet Torshov": (0, 1),
            "Sagene IF": (1, 0),
        },
        id="word-in-category",
    ),
    pytest.param(
        "lokale", "premises", "business", {"Kaffebrenneriet Torshov": (0, 1)}, id="and-sector"
    ),
    pytest.param(
        "sagene", "", "public",
        {
            "Bydel Sagene": (2, 2),
            "NAV Sagene": (2, 2),
            "Sagene bibliotek": (2, 2),
            "Sagene ungdomsklubb": (2, 1),
        },
        id="name-in-sector",
    ),
    pytest.param(
        "regnskap", "", "",
        {
            "Innvandrerforeningen Sagene": (1, 0),
            "Røde Kors Sagene": (1, 0),
            "Sparebanken Nord": (0, 1),
        },
        id="needs-and-offers",
    ),
    pytest.param("hemmelig", "", "", {}, id="not-shown-when-they-said-no"),
    pytest.param("trukket", "", "", {}, id="not-shown-after-withdrawal"),
    pytest.param("julebord", "", "", {"Rørlegger Hansen AS": (1, 0)}, id="withdrawn-one-gone"),
    pytest.param("xyzzy", "", "", {}, id="nothing"),
]  # fmt: skip


def found(hits) -> dict[str, tuple[int, int]]:
    return {h.participant.name: (len(h.needs), len(h.offers)) for h in hits}


@pytest.mark.parametrize(("typed", "category", "sector", "expected"), CASES)
def test_search_finds(read_bors, typed, category, sector, expected):
    assert found(read_bors.catalogue.search(typed, category, sector)) == expected


@pytest.mark.parametrize(("typed", "category", "sector", "expected"), CASES)
def test_the_api_finds_the_same(visitor, typed, category, sector, expected):
    answer = visitor.get(
        "/api/catalogue", query_string={"q": typed, "category": category, "sector": sector}
    )
    assert answer.status_code == 200
    body = answer.get_json()
    assert {p["name"]: (len(p["needs"]), len(p["offers"])) for p in body["participants"]} == (
        expected
    )
    assert body["total"] == len(expected)


def test_an_empty_search_shows_everyone_who_agreed_by_folded_name(read_bors):
    names = [h.participant.name for h in read_bors.catalogue.search("   ")]
    assert len(names) == 28  # the labelled set's 27 and the korps
    assert "Skjult Forening" not in names and "Trukket Lag" not in names
    assert names.index("Årstad Skolekorps") < names.index("Bydel Sagene")  # Å folds to A


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ({"category": "nope"}, "unknown_category"),
        ({"sector": "church"}, "unknown_sector"),
        ({"q": "lokale " * 20}, "query_too_long"),
        ({"page": "two"}, "invalid_page"),
        ({"page": "0"}, "invalid_page"),
    ],
)
def test_the_api_refuses_a_bad_query_with_its_code(visitor, args, code):
    answer = visitor.get("/api/catalogue", query_string=args)
    assert answer.status_code == 400
    assert answer.get_json()["error"] == code


def test_the_page_drops_a_bad_filter_instead_of_refusing(visitor):
    answer = visitor.get("/catalogue", query_string={"category": "nope", "q": "rode kors"})
    assert answer.status_code == 200
    assert "Røde Kors Sagene" in answer.get_data(as_text=True)


def test_a_category_the_organiser_adds_can_be_searched_and_named(bors):
    visitor = hub_web.create_app(bors.hub).test_client()
    bors.hub.record(
        "define_category", {"code": "mat", "name_nb": "Mat og drikke", "name_en": "Food"}
    )
    bors.hub.record("define_category", {"code": "premises", "name_nb": "Lokaler", "name_en": ""})
    body = visitor.get("/api/catalogue", query_string={"category": "mat"}).get_json()
    assert body["participants"] == []
    named = {c["code"]: (c["name_nb"], c["name_en"]) for c in body["categories"]}
    assert named["mat"] == ("Mat og drikke", "Food")
    assert named["premises"] == ("Lokaler", "Lokaler")  # renamed in bokmål only
    assert named["equipment"] == ("Utstyr", "Equipment")
    page = visitor.get("/catalogue?lang=en").get_data(as_text=True)
    assert '<option value="mat" >Food</option>' in page


def test_the_api_answers_a_hundred_a_page(hub):
    for n in range(130):
        hub.register_participant(
            {"name": f"Lag {n:03d}", "sector": "voluntary", "consent_public": True}
        )
    visitor = hub_web.create_app(hub).test_client()
    first = visitor.get("/api/catalogue?q=lag").get_json()
    second = visitor.get("/api/catalogue?q=lag&page=2").get_json()
    assert (first["total"], first["pages"], len(first["participants"])) == (130, 2, 100)
    assert len(second["participants"]) == 30
    names = [p["name"] for p in first["participants"] + second["participants"]]
    assert names == [f"Lag {n:03d}" for n in range(130)]
