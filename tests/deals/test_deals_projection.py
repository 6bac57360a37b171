"""The evening read model (promise 3 and 4): the same set of events gives the same answer.

Journals are driven through their real command methods; the events they record are folded in
different orders, twice, and in pieces, and the deal list, counts and conflicts must agree.
"""

from __future__ import annotations

import itertools
import random
import uuid

import pytest

from shared.core.device import ROLE_HUB, ROLE_KIOSK, device_tag, event_ref
from shared.evening import Evening
from shared.journal import Journal


class Venue:
    """A hub and two kiosks writing their journals; every recorded event is kept in order."""

    def __init__(self) -> None:
        self.hub = Journal(device_id=str(uuid.uuid4()), role=ROLE_HUB, name="Hub")
        self.kiosk1 = Journal(device_id=str(uuid.uuid4()), role=ROLE_KIOSK, name="Nettbrett 1")
        self.kiosk2 = Journal(device_id=str(uuid.uuid4()), role=ROLE_KIOSK, name="Nettbrett 2")
        self.events: list = []
        self.people: dict[str, str] = {}
        self._collect()
        self.hub.schedule_evening(
            {
                "name": "Frivilligbørs Sagene",
                "date": "2026-11-26",
                "opens_at": "17:45",
                "closes_at": "18:45",
                "target": 51,
            }
        )
        for name, sector in [
            ("Sagene IF", "voluntary"),
            ("Bydel Sagene", "public"),
            ("Rørleggeren AS", "business"),
            ("Røde Kors Sagene", "voluntary"),
        ]:
            pid = str(uuid.uuid4())
            self.hub.register_participant(pid, {"name": name, "sector": sector}, "")
            self.people[name] = pid
        self._collect()

    def _collect(self) -> None:
        for journal in (self.hub, self.kiosk1, self.kiosk2):
            self.events.extend(journal.collect_events())

    def known(self, pid: str) -> bool:
        return pid in self.people.values()

    def deal(self, a: str, b: str, category: str = "premises", kind: str = "mutual") -> dict:
        return {
            "parties": [
                {"participant_id": self.people[a], "gives": f"{a} gir"},
                {"participant_id": self.people[b], "gives": f"{b} gir"},
            ],
            "category": category,
            "kind": kind,
            "deadline": "2027-02-26",
            "broker": "Kari",
        }

    def register(self, journal: Journal, a: str, b: str, **kw) -> str:
        deal_id, _, _ = journal.register_deal(self.deal(a, b, **kw), self.known)
        self._collect()
        return deal_id

    def correct(self, journal: Journal, deal_id: str, base: str, a: str, b: str, **kw) -> str:
        journal.correct_deal(deal_id, base, self.deal(a, b, **kw), self.known)
        self._collect()
        return event_ref(self.events[-1])

    def void(self, journal: Journal, deal_id: str, base: str, reason: str = "") -> None:
        journal.void_deal(deal_id, base, {"reason": reason})
        self._collect()


def fold(events) -> Evening:
    evening = Evening()
    for position, ev in enumerate(events, start=1):
        evening.apply(ev, position)
    return evening


def picture(evening: Evening) -> dict:
    """What any screen or export shows, without arrival positions."""
    return {
        "stats": evening.stats(),
        "settings": evening.settings,
        "participants": sorted((p.id, p.name, p.sector) for p in evening.participants.values()),
        "deals": sorted(
            (
                d.id,
                d.number,
                d.category,
                d.kind,
                tuple((p["participant_id"], p["gives"]) for p in d.parties),
                d.voided,
                d.void_reason,
                d.corrected,
                d.conflict,
                d.revision,
                tuple(d.revisions),
            )
            for d in evening.deals.values()
        ),
    }


@pytest.fixture
def venue() -> Venue:
    return Venue()


def test_counts_by_sector_pair_and_category(venue):
    venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene", category="premises")
    venue.register(venue.kiosk1, "Sagene IF", "Røde Kors Sagene", category="volunteering")
    venue.register(venue.kiosk2, "Rørleggeren AS", "Sagene IF", category="equipment")
    venue.register(venue.kiosk2, "Bydel Sagene", "Røde Kors Sagene", category="premises")
    stats = fold(venue.events).stats()
    assert stats["deals"] == 4
    assert stats["participants"] == 4
    assert stats["by_sector_pair"] == {
        "public+voluntary": 2,
        "voluntary+voluntary": 1,
        "business+voluntary": 1,
    }
    assert stats["by_category"] == {"premises": 2, "volunteering": 1, "equipment": 1}
    assert stats["voided"] == 0 and stats["conflicts"] == 0


def test_deal_numbers_are_per_tablet_and_name_the_tablet(venue):
    first = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    second = venue.register(venue.kiosk1, "Sagene IF", "Rørleggeren AS")
    other = venue.register(venue.kiosk2, "Sagene IF", "Røde Kors Sagene")
    deals = fold(venue.events).deals
    tag1, tag2 = device_tag(venue.kiosk1.id), device_tag(venue.kiosk2.id)
    assert [deals[first].number, deals[second].number, deals[other].number] == [
        f"{tag1}-1",
        f"{tag1}-2",
        f"{tag2}-1",
    ]


def test_a_voided_deal_is_kept_but_not_counted(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    venue.register(venue.kiosk1, "Sagene IF", "Rørleggeren AS")
    base = fold(venue.events).deals[deal_id].revision
    venue.void(venue.kiosk1, deal_id, base, reason="Registrert to ganger")
    evening = fold(venue.events)
    assert evening.deals[deal_id].voided
    assert evening.deals[deal_id].void_reason == "Registrert to ganger"
    assert evening.stats()["deals"] == 1 and evening.stats()["voided"] == 1
    assert not evening.deals[deal_id].conflict


def test_a_correction_replaces_what_is_shown_and_keeps_the_history(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene", category="premises")
    root = fold(venue.events).deals[deal_id].revision
    fix = venue.correct(
        venue.kiosk1, deal_id, root, "Sagene IF", "Rørleggeren AS", category="equipment"
    )
    deal = fold(venue.events).deals[deal_id]
    assert deal.category == "equipment"
    assert deal.party_ids == [venue.people["Sagene IF"], venue.people["Rørleggeren AS"]]
    assert deal.corrected and not deal.conflict
    assert deal.revision == fix and deal.revisions == [root, fix]
    assert deal.number.endswith("-1")  # a correction keeps the deal's number


def test_a_chain_of_corrections_from_two_tablets_is_no_conflict(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    root = fold(venue.events).deals[deal_id].revision
    first = venue.correct(venue.kiosk2, deal_id, root, "Sagene IF", "Bydel Sagene", kind="intent")
    second = venue.correct(venue.kiosk1, deal_id, first, "Sagene IF", "Bydel Sagene", kind="gift")
    deal = fold(venue.events).deals[deal_id]
    assert deal.kind == "gift" and deal.revision == second and not deal.conflict


def test_two_tablets_correcting_the_same_revision_are_both_kept_and_flagged(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene", category="premises")
    root = fold(venue.events).deals[deal_id].revision
    one = venue.correct(
        venue.kiosk1, deal_id, root, "Sagene IF", "Bydel Sagene", category="culture"
    )
    two = venue.correct(
        venue.kiosk2, deal_id, root, "Sagene IF", "Bydel Sagene", category="expertise"
    )
    evening = fold(venue.events)
    deal = evening.deals[deal_id]
    assert deal.conflict
    assert set(deal.revisions) == {root, one, two}
    assert evening.stats()["conflicts"] == 1
    assert evening.stats()["deals"] == 1  # flagged, still one deal


def test_a_void_of_an_outdated_revision_is_flagged(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    root = fold(venue.events).deals[deal_id].revision
    venue.correct(venue.kiosk1, deal_id, root, "Sagene IF", "Bydel Sagene", kind="intent")
    venue.void(venue.kiosk2, deal_id, root, reason="Feil par")  # tablet 2 never saw the fix
    deal = fold(venue.events).deals[deal_id]
    assert deal.voided and deal.conflict


def test_a_correction_that_arrives_before_its_deal_waits_for_it(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    root = fold(venue.events).deals[deal_id].revision
    venue.correct(venue.kiosk2, deal_id, root, "Sagene IF", "Rørleggeren AS")
    registration, correction = venue.events[-2], venue.events[-1]
    evening = fold([e for e in venue.events if e not in (registration, correction)])
    evening.apply(correction)
    assert deal_id not in evening.deals
    evening.apply(registration)
    assert evening.deals[deal_id].party_ids[1] == venue.people["Rørleggeren AS"]


def test_a_busy_evening(venue) -> None:
    """Shared by the order tests below: deals, corrections, voids and a conflict."""
    ids = [
        venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene"),
        venue.register(venue.kiosk2, "Rørleggeren AS", "Røde Kors Sagene", category="equipment"),
        venue.register(venue.kiosk1, "Bydel Sagene", "Rørleggeren AS", kind="intent"),
        venue.register(venue.kiosk2, "Sagene IF", "Røde Kors Sagene", category="culture"),
    ]
    now = fold(venue.events).deals
    venue.correct(
        venue.kiosk2, ids[0], now[ids[0]].revision, "Sagene IF", "Bydel Sagene", kind="gift"
    )
    venue.correct(venue.kiosk1, ids[1], now[ids[1]].revision, "Rørleggeren AS", "Sagene IF")
    venue.correct(venue.kiosk2, ids[1], now[ids[1]].revision, "Rørleggeren AS", "Bydel Sagene")
    venue.void(venue.kiosk1, ids[2], now[ids[2]].revision, "Avlyst")
    evening = fold(venue.events)
    assert evening.stats()["deals"] == 3 and evening.stats()["conflicts"] == 1


@pytest.mark.parametrize("seed", range(25))
def test_any_arrival_order_gives_the_same_evening(venue, seed):
    test_a_busy_evening(venue)
    expected = picture(fold(venue.events))
    shuffled = list(venue.events)
    random.Random(seed).shuffle(shuffled)
    assert picture(fold(shuffled)) == expected


def test_every_order_of_a_conflict_gives_the_same_evening(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    root = fold(venue.events).deals[deal_id].revision
    venue.correct(venue.kiosk1, deal_id, root, "Sagene IF", "Bydel Sagene", category="culture")
    venue.correct(venue.kiosk2, deal_id, root, "Sagene IF", "Bydel Sagene", category="expertise")
    venue.void(venue.kiosk2, deal_id, root)
    head, tail = venue.events[:-4], venue.events[-4:]
    pictures = {repr(picture(fold(head + list(order)))) for order in itertools.permutations(tail)}
    assert len(pictures) == 1


def test_applying_events_twice_changes_nothing(venue):
    test_a_busy_evening(venue)
    once = fold(venue.events)
    twice = fold(venue.events)
    version = twice.version
    assert not any(twice.apply(ev) for ev in reversed(venue.events))
    assert twice.version == version
    assert picture(twice) == picture(once)


def test_folding_in_pieces_equals_folding_at_once(venue):
    test_a_busy_evening(venue)
    evening = Evening()
    for start in range(0, len(venue.events), 3):
        for ev in venue.events[start : start + 3]:
            evening.apply(ev)
    assert picture(evening) == picture(fold(venue.events))


def test_the_latest_settings_win_whatever_the_order(venue):
    venue.hub.schedule_evening(
        {
            "name": "Frivilligbørs Sagene 2026",
            "date": "2026-11-26",
            "opens_at": "17:30",
            "closes_at": "18:30",
            "target": 60,
        }
    )
    venue._collect()
    assert fold(reversed(venue.events)).settings["name"] == "Frivilligbørs Sagene 2026"
    assert fold(venue.events).settings["target"] == 60


def test_a_walk_in_becomes_a_participant_with_the_deal(venue):
    deal = venue.deal("Sagene IF", "Bydel Sagene")
    deal["parties"][1] = {"walk_in": {"name": "Bakeriet", "sector": "business"}, "gives": "Kaffe"}
    deal_id, _, added = venue.kiosk1.register_deal(deal, venue.known)
    venue._collect()
    evening = fold(venue.events)
    walk_in = evening.participants[added[0]]
    assert walk_in.walk_in and walk_in.sector == "business" and not walk_in.consent_public
    assert evening.deals.sector_pair(evening.deals[deal_id]) == "business+voluntary"


def test_devices_are_known_by_name_and_tag(venue):
    devices = fold(venue.events).devices.known
    kiosk = devices[str(venue.kiosk1.id)]
    assert (kiosk["role"], kiosk["name"]) == ("kiosk", "Nettbrett 1")
    assert kiosk["tag"] == device_tag(venue.kiosk1.id)
    assert devices[str(venue.hub.id)]["role"] == "hub"


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("sag", ["Sagene IF", "Bydel Sagene", "Røde Kors Sagene"]),  # the name first, then a word
        ("SAGENE", ["Sagene IF", "Bydel Sagene", "Røde Kors Sagene"]),
        ("røde", ["Røde Kors Sagene"]),
        ("rør", ["Rørleggeren AS"]),
        ("legger", ["Rørleggeren AS"]),  # inside a word comes after
        ("e", ["Bydel Sagene", "Røde Kors Sagene", "Rørleggeren AS", "Sagene IF"]),
        ("  ", []),
        ("kommune", []),
    ],
)
def test_type_ahead_search(venue, query, names):
    found = [p.name for p in fold(venue.events).participants.search(query)]
    assert found == names


def test_type_ahead_puts_word_starts_before_matches_inside_words(venue):
    evening = fold(venue.events)
    assert [p.name for p in evening.participants.search("s")] == [
        "Sagene IF",
        "Bydel Sagene",
        "Røde Kors Sagene",
        "Rørleggeren AS",
    ]
    assert len(evening.participants.search("e", limit=2)) == 2
