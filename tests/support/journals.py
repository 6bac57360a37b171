"""An evening written straight into journals, for the projections' own tests.

:class:`Venue` holds a hub and two tablets as :class:`shared.journal.Journal` aggregates, driven
through their real command methods, and keeps every event they record in the order they were
recorded. :func:`fold` folds any list of them into a fresh :class:`shared.evening.Evening`, so a
test can fold the same events in another order, twice, or in pieces.
"""

from __future__ import annotations

import uuid

from shared.core.device import ROLE_HUB, ROLE_KIOSK, event_ref
from shared.evening import Evening
from shared.journal import Journal

PEOPLE = [
    ("Sagene IF", "voluntary"),
    ("Bydel Sagene", "public"),
    ("Rørleggeren AS", "business"),
    ("Røde Kors Sagene", "voluntary"),
]


class Venue:
    """A hub and two kiosks writing their journals; every recorded event is kept in order."""

    def __init__(self) -> None:
        self.hub = Journal(device_id=str(uuid.uuid4()), role=ROLE_HUB, name="Hub")
        self.kiosk1 = Journal(device_id=str(uuid.uuid4()), role=ROLE_KIOSK, name="Nettbrett 1")
        self.kiosk2 = Journal(device_id=str(uuid.uuid4()), role=ROLE_KIOSK, name="Nettbrett 2")
        self.events: list = []
        self.people: dict[str, str] = {}
        self.collect()
        self.hub.schedule_evening(
            {
                "name": "Frivilligbørs Sagene",
                "date": "2026-11-26",
                "opens_at": "17:45",
                "closes_at": "18:45",
                "target": 51,
            }
        )
        for name, sector in PEOPLE:
            pid = str(uuid.uuid4())
            self.hub.register_participant(pid, {"name": name, "sector": sector}, "")
            self.people[name] = pid
        self.collect()

    def collect(self) -> None:
        """Keep what the journals recorded since the last call (after a command called here)."""
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
        self.collect()
        return deal_id

    def correct(self, journal: Journal, deal_id: str, base: str, a: str, b: str, **kw) -> str:
        journal.correct_deal(deal_id, base, self.deal(a, b, **kw), self.known)
        self.collect()
        return event_ref(self.events[-1])

    def void(self, journal: Journal, deal_id: str, base: str, reason: str = "") -> None:
        journal.void_deal(deal_id, base, {"reason": reason})
        self.collect()

    def busy_evening(self) -> list[str]:
        """Deals, corrections, voids and a conflict: what the order tests fold every way."""
        ids = [
            self.register(self.kiosk1, "Sagene IF", "Bydel Sagene"),
            self.register(self.kiosk2, "Rørleggeren AS", "Røde Kors Sagene", category="equipment"),
            self.register(self.kiosk1, "Bydel Sagene", "Rørleggeren AS", kind="intent"),
            self.register(self.kiosk2, "Sagene IF", "Røde Kors Sagene", category="culture"),
        ]
        now = fold(self.events).deals
        self.correct(
            self.kiosk2, ids[0], now[ids[0]].revision, "Sagene IF", "Bydel Sagene", kind="gift"
        )
        self.correct(self.kiosk1, ids[1], now[ids[1]].revision, "Rørleggeren AS", "Sagene IF")
        self.correct(self.kiosk2, ids[1], now[ids[1]].revision, "Rørleggeren AS", "Bydel Sagene")
        self.void(self.kiosk1, ids[2], now[ids[2]].revision, "Avlyst")
        return ids


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
