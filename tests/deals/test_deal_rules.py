"""Bad input gets a clear answer (promise 5): every error code a deal can be refused with, by
table, and the deadline a deal gets when none is typed.

Codes are part of the API, so each row pins one (field, code) pair a client may rely on.
"""

from __future__ import annotations

import datetime as dt

import pytest

from shared.deals.rules import (
    MAX_BROKER,
    MAX_GIVES,
    MAX_PARTIES,
    default_deadline,
    validate_deal,
    validate_void,
)
from shared.participants.rules import MAX_NAME
from tests.support.refusals import codes_of, errors_of

KARI = "0b6a3c9e-1d8f-4c59-9a61-6f7d1c2b3a40"
NAV = "5f0c7f1e-8a3b-4e8e-b0a9-2c1d4e5f6a7b"
RØDE_KORS = "9d2e4f6a-7b8c-4d1e-a2f3-b4c5d6e7f809"
KNOWN = {KARI, NAV, RØDE_KORS}


def known(participant_id: str) -> bool:
    return participant_id in KNOWN


def good_deal(**changes) -> dict:
    deal = {
        "parties": [
            {"participant_id": KARI, "gives": "Lokale en kveld i måneden"},
            {"participant_id": NAV, "gives": "Kurs i søknadsskriving"},
        ],
        "category": "premises",
        "kind": "mutual",
        "deadline": "2027-03-01",
        "broker": "Kari",
    }
    deal.update(changes)
    return deal


def party(**fields) -> dict:
    return {"gives": "Noe", **fields}


DEAL_ERRORS = [
    ("not an object", ["a", "list"], "deal", "not_an_object"),
    ("no parties", good_deal(parties=None), "parties", "required"),
    ("parties not a list", good_deal(parties={"a": 1}), "parties", "not_a_list"),
    ("one party", good_deal(parties=[party(participant_id=KARI)]), "parties", "too_few_parties"),
    (
        "too many parties",
        good_deal(parties=[party(walk_in={"name": f"W{i}", "sector": "public"}) for i in range(7)]),
        "parties",
        "too_many_parties",
    ),
    (
        "party not an object",
        good_deal(parties=["Kari", party(participant_id=NAV)]),
        "parties.0",
        "not_an_object",
    ),
    (
        "both id and walk-in",
        good_deal(
            parties=[
                party(participant_id=KARI, walk_in={"name": "X", "sector": "public"}),
                party(participant_id=NAV),
            ]
        ),
        "parties.0",
        "participant_and_walk_in",
    ),
    (
        "walk-in not an object",
        good_deal(parties=[party(walk_in="Bakeriet"), party(participant_id=NAV)]),
        "parties.0.walk_in",
        "not_an_object",
    ),
    (
        "walk-in without a name",
        good_deal(
            parties=[party(walk_in={"name": " ", "sector": "public"}), party(participant_id=NAV)]
        ),
        "parties.0.walk_in.name",
        "required",
    ),
    (
        "walk-in name too long",
        good_deal(
            parties=[
                party(walk_in={"name": "x" * (MAX_NAME + 1), "sector": "public"}),
                party(participant_id=NAV),
            ]
        ),
        "parties.0.walk_in.name",
        "too_long",
    ),
    (
        "walk-in name not text",
        good_deal(
            parties=[party(walk_in={"name": 42, "sector": "public"}), party(participant_id=NAV)]
        ),
        "parties.0.walk_in.name",
        "not_text",
    ),
    (
        "walk-in without a sector",
        good_deal(parties=[party(walk_in={"name": "Bakeriet"}), party(participant_id=NAV)]),
        "parties.0.walk_in.sector",
        "required",
    ),
    (
        "walk-in in an unknown sector",
        good_deal(
            parties=[
                party(walk_in={"name": "Bakeriet", "sector": "church"}),
                party(participant_id=NAV),
            ]
        ),
        "parties.0.walk_in.sector",
        "unknown_sector",
    ),
    (
        "the same walk-in twice",
        good_deal(
            parties=[
                party(walk_in={"name": "Bakeriet", "sector": "business"}),
                party(walk_in={"name": "BAKERIET", "sector": "business"}),
            ]
        ),
        "parties.1.walk_in.name",
        "same_party_twice",
    ),
    (
        "party with neither id nor walk-in",
        good_deal(parties=[party(), party(participant_id=NAV)]),
        "parties.0.participant_id",
        "required",
    ),
    (
        "participant id not a uuid",
        good_deal(parties=[party(participant_id="kari"), party(participant_id=NAV)]),
        "parties.0.participant_id",
        "unknown_participant",
    ),
    (
        "participant nobody registered",
        good_deal(
            parties=[
                party(participant_id="00000000-0000-4000-8000-000000000000"),
                party(participant_id=NAV),
            ]
        ),
        "parties.0.participant_id",
        "unknown_participant",
    ),
    (
        "the same participant twice",
        good_deal(parties=[party(participant_id=KARI), party(participant_id=KARI)]),
        "parties.1.participant_id",
        "same_party_twice",
    ),
    (
        "gives too long",
        good_deal(
            parties=[
                party(participant_id=KARI, gives="x" * (MAX_GIVES + 1)),
                party(participant_id=NAV),
            ]
        ),
        "parties.0.gives",
        "too_long",
    ),
    (
        "gives not text",
        good_deal(
            parties=[{"participant_id": KARI, "gives": ["lokale"]}, party(participant_id=NAV)]
        ),
        "parties.0.gives",
        "not_text",
    ),
    (
        "mutual deal where one side gives nothing",
        good_deal(parties=[party(participant_id=KARI), {"participant_id": NAV, "gives": "  "}]),
        "parties.1.gives",
        "required",
    ),
    (
        "gift where the giver gives nothing",
        good_deal(kind="gift", parties=[{"participant_id": KARI}, party(participant_id=NAV)]),
        "parties.0.gives",
        "required",
    ),
    ("no category", good_deal(category=""), "category", "required"),
    ("unknown category", good_deal(category="money"), "category", "unknown_category"),
    ("no kind", good_deal(kind=None), "kind", "required"),
    ("unknown kind", good_deal(kind="barter"), "kind", "unknown_kind"),
    ("no deadline", good_deal(deadline=""), "deadline", "required"),
    ("deadline not a date", good_deal(deadline="neste fredag"), "deadline", "invalid_date"),
    ("deadline not an ISO date", good_deal(deadline="01.03.2027"), "deadline", "invalid_date"),
    ("deadline out of range", good_deal(deadline="1999-12-31"), "deadline", "invalid_date"),
    ("deadline a number", good_deal(deadline=20270301), "deadline", "invalid_date"),
    ("broker name too long", good_deal(broker="x" * (MAX_BROKER + 1)), "broker", "too_long"),
    ("broker not text", good_deal(broker=7), "broker", "not_text"),
]


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [row[1:] for row in DEAL_ERRORS],
    ids=[row[0] for row in DEAL_ERRORS],
)
def test_a_wrong_deal_is_refused_with_a_stable_code(data, field, code):
    assert (field, code) in errors_of(lambda: validate_deal(data, known))


def test_every_problem_in_a_deal_is_reported_at_once():
    data = {"parties": [party(participant_id=KARI)], "category": "x", "kind": "", "deadline": "?"}
    assert codes_of(lambda: validate_deal(data, known)) == {
        "parties": "too_few_parties",
        "category": "unknown_category",
        "kind": "required",
        "deadline": "invalid_date",
    }


@pytest.mark.parametrize(
    ("kind", "gives"),
    [
        ("mutual", ["Lokale", "Kurs"]),
        ("gift", ["Lokale", ""]),
        ("intent", ["", ""]),
    ],
)
def test_each_kind_of_deal_asks_only_the_giving_side_to_say_what_it_gives(kind, gives):
    data = good_deal(
        kind=kind,
        parties=[
            {"participant_id": KARI, "gives": gives[0]},
            {"participant_id": NAV, "gives": gives[1]},
        ],
    )
    assert validate_deal(data, known)["kind"] == kind


def test_a_valid_deal_comes_back_normalised():
    data = good_deal(
        parties=[
            {"participant_id": KARI, "gives": "  Lokale\x00 en\n\tkveld  "},
            {
                "walk_in": {"name": " Bakeriet   på hjørnet ", "sector": "business"},
                "gives": "Kaffe",
            },
            {"participant_id": RØDE_KORS, "gives": "Førstehjelp"},
        ],
        deadline=" 2027-03-01 ",
        broker=" Kari ",
    )
    clean = validate_deal(data, known)
    assert clean == {
        "parties": [
            {"participant_id": KARI, "gives": "Lokale en kveld"},
            {"walk_in": {"name": "Bakeriet på hjørnet", "sector": "business"}, "gives": "Kaffe"},
            {"participant_id": RØDE_KORS, "gives": "Førstehjelp"},
        ],
        "category": "premises",
        "kind": "mutual",
        "deadline": "2027-03-01",
        "broker": "Kari",
    }


def test_as_many_parties_as_allowed_is_fine():
    walk_ins = [
        party(walk_in={"name": f"Lag {i}", "sector": "voluntary"}) for i in range(MAX_PARTIES)
    ]
    assert len(validate_deal(good_deal(parties=walk_ins), known)["parties"]) == MAX_PARTIES


def test_void_reason_has_a_limit():
    assert validate_void({}) == {"reason": ""}
    assert codes_of(lambda: validate_void({"reason": "x" * 301})) == {"reason": "too_long"}


@pytest.mark.parametrize(
    ("event_date", "deadline"),
    [
        (dt.date(2026, 11, 26), dt.date(2027, 2, 26)),
        (dt.date(2026, 11, 30), dt.date(2027, 2, 28)),
        (dt.date(2027, 11, 30), dt.date(2028, 2, 29)),
        (dt.date(2026, 5, 31), dt.date(2026, 8, 31)),
        (dt.date(2026, 12, 31), dt.date(2027, 3, 31)),
    ],
)
def test_the_default_deadline_is_three_months_after_the_evening(event_date, deadline):
    assert default_deadline(event_date, today=dt.date(2000, 1, 1)) == deadline


def test_without_an_evening_the_deadline_counts_from_today():
    assert default_deadline(None, today=dt.date(2026, 11, 25)) == dt.date(2027, 2, 25)
