"""The evening as everyone sees it: a read model folded from every device's journal.

Promise 3 lives here: :class:`Evening` depends only on the *set* of events it was given, never on
the order they arrived in, and applying an event twice changes nothing. The hub and every kiosk
run this same fold, so the stage screen, the organiser's list and a tablet's mirror agree.

A deal's history is a small tree of revisions: the registration is the root, each correction
names the revision it was made from (its ``base``). One leaf is the normal case. Two leaves mean
two brokers changed the same deal without seeing each other's change: both are kept and the deal
is flagged for the organiser (promise 4) instead of one silently winning.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from shared.domain.journal import EVENT_NAMES, device_tag
from shared.domain.vocabulary import sector_pair


def event_ref(ev) -> str:
    """The identity of one event anywhere in the system: ``<device id>/<sequence>``."""
    return f"{ev.originator_id}/{ev.originator_version}"


@dataclass
class ParticipantView:
    id: str
    name: str
    sector: str
    needs: list
    offers: list
    consent_public: bool
    walk_in: bool
    contact_sealed: str
    registered_by: str

    @property
    def search_key(self) -> str:
        return self.name.casefold()


@dataclass
class DealView:
    id: str
    number: str
    origin: str
    parties: list
    category: str
    kind: str
    deadline: str
    broker: str
    registered_at: dt.datetime
    revision: str
    received: int
    voided: bool = False
    void_reason: str = ""
    corrected: bool = False
    conflict: bool = False
    revisions: list = field(default_factory=list)

    @property
    def party_ids(self) -> list[str]:
        return [p["participant_id"] for p in self.parties]


class Evening:
    def __init__(self) -> None:
        self._seen: set[tuple[str, int]] = set()
        self._settings_event = None
        self.participants: dict[str, ParticipantView] = {}
        self._deal_events: dict[str, list] = defaultdict(list)
        self._received: dict[str, int] = {}
        self.deals: dict[str, DealView] = {}
        self.devices: dict[str, dict] = {}
        self.version = 0  # bumped whenever anything a screen shows may have changed

    # --- folding -------------------------------------------------------------------------------

    def apply(self, ev, position: int = 0) -> bool:
        """Fold one event in; returns False when it had been applied already."""
        key = (str(ev.originator_id), ev.originator_version)
        if key in self._seen:
            return False
        self._seen.add(key)
        name = EVENT_NAMES.get(type(ev))
        if name == "Opened":
            self.devices[key[0]] = {"role": ev.role, "name": ev.name, "tag": device_tag(key[0])}
        elif name == "EveningScheduled":
            if self._settings_event is None or _order(ev) > _order(self._settings_event):
                self._settings_event = ev
        elif name == "ParticipantRegistered":
            self.participants[ev.participant_id] = ParticipantView(
                id=ev.participant_id,
                name=ev.name,
                sector=ev.sector,
                needs=list(ev.needs),
                offers=list(ev.offers),
                consent_public=ev.consent_public,
                walk_in=ev.walk_in,
                contact_sealed=ev.contact_sealed,
                registered_by=key[0],
            )
        elif name in ("DealRegistered", "DealCorrected", "DealVoided"):
            self._deal_events[ev.deal_id].append(ev)
            if name == "DealRegistered":
                self._received[ev.deal_id] = position
            self._refold_deal(ev.deal_id)
        self.version += 1
        return True

    def _refold_deal(self, deal_id: str) -> None:
        events = self._deal_events[deal_id]
        root = next((e for e in events if EVENT_NAMES[type(e)] == "DealRegistered"), None)
        if root is None:
            return  # a correction that outran its registration waits for it
        revisions = [root] + [e for e in events if EVENT_NAMES[type(e)] == "DealCorrected"]
        refs = {event_ref(e) for e in revisions}
        bases = {e.base for e in revisions[1:] if e.base in refs}
        heads = sorted((e for e in revisions if event_ref(e) not in bases), key=_order)
        current = heads[-1]
        voids = sorted((e for e in events if EVENT_NAMES[type(e)] == "DealVoided"), key=_order)
        head_refs = {event_ref(e) for e in heads}
        self.deals[deal_id] = DealView(
            id=deal_id,
            number=f"{device_tag(root.originator_id)}-{root.number}",
            origin=str(root.originator_id),
            parties=[dict(p) for p in current.parties],
            category=current.category,
            kind=current.kind,
            deadline=current.deadline,
            broker=current.broker,
            registered_at=root.timestamp,
            revision=event_ref(current),
            received=self._received.get(deal_id, 0),
            voided=bool(voids),
            void_reason=voids[-1].reason if voids else "",
            corrected=len(revisions) > 1,
            conflict=len(heads) > 1 or any(v.base not in head_refs for v in voids),
            revisions=[event_ref(e) for e in sorted(revisions, key=_order)],
        )

    # --- questions ----------------------------------------------------------------------------

    @property
    def settings(self) -> dict | None:
        ev = self._settings_event
        if ev is None:
            return None
        return {
            "name": ev.name,
            "venue": ev.venue,
            "date": ev.date,
            "opens_at": ev.opens_at,
            "closes_at": ev.closes_at,
            "target": ev.target,
        }

    def counted_deals(self) -> list[DealView]:
        return [d for d in self.deals.values() if not d.voided]

    def sector_of(self, participant_id: str) -> str:
        p = self.participants.get(participant_id)
        return p.sector if p else "unknown"

    def deal_sector_pair(self, deal: DealView) -> str:
        sectors = [self.sector_of(pid) for pid in deal.party_ids[:2]]
        return sector_pair(*sectors) if len(sectors) == 2 else "unknown"

    def stats(self) -> dict:
        counted = self.counted_deals()
        return {
            "deals": len(counted),
            "voided": len(self.deals) - len(counted),
            "by_sector_pair": dict(Counter(self.deal_sector_pair(d) for d in counted)),
            "by_category": dict(Counter(d.category for d in counted)),
            "conflicts": sum(1 for d in self.deals.values() if d.conflict),
            "participants": len(self.participants),
        }

    def search_participants(self, query: str, limit: int = 8) -> list[ParticipantView]:
        """Type-ahead: names starting with the query first, then a later word starting with
        it, then names containing it anywhere; alphabetical within each group."""
        q = query.casefold().strip()
        if not q:
            return []
        ranked = []
        for p in self.participants.values():
            key = p.search_key
            if key.startswith(q):
                ranked.append((0, key, p))
            elif any(w.startswith(q) for w in key.split()):
                ranked.append((1, key, p))
            elif q in key:
                ranked.append((2, key, p))
        ranked.sort(key=lambda item: item[:2])
        return [p for _, _, p in ranked[:limit]]


def _order(ev) -> tuple:
    """A total order on events that every node computes alike (device time, then identity)."""
    return (ev.timestamp, str(ev.originator_id), ev.originator_version)
