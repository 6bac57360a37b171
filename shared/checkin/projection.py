"""Arrivals: who has come, folded from every tablet's check-ins.

The same person checked in on two tablets is one arrival: arrivals are keyed by the
participant (the one kept, after a merge of walk-ins), and the first live check-in in event
order says when they came. An undo takes back the check-ins it names and no other, so the
answer depends only on the set of events (promise 3), whatever order they arrive in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from shared.core.runner import Projection, event_order
from shared.participants.projection import Participants
from shared.participants.rules import STATUS_SIGNED_UP


@dataclass(frozen=True)
class CheckIn:
    ref: str  # "<device id>/<sequence>"
    participant_id: str
    device: str
    order: tuple
    walk_in: bool
    contact_for_hub: str

    @property
    def at(self):
        return self.order[0]


class Arrivals(Projection):
    handles = {  # noqa: RUF012 - read once by the runner
        "ParticipantCheckedIn": "on_checked_in",
        "CheckInUndone": "on_undone",
        "BadgesPrinted": "on_badges_printed",
        "ArrivalsShownOnScreen": "on_shown_on_screen",
        "ParticipantErased": "on_erased",
    }

    def __init__(self, participants: Participants) -> None:
        self.participants = participants
        self._checkins: dict[str, CheckIn] = {}
        self._undone: set[str] = set()
        self._folded_at = -1  # the runner's version the arrivals below were put together at
        self._first: dict[str, CheckIn] = {}  # participant kept -> their first live check-in
        self._refs: dict[str, list[str]] = {}  # participant kept -> every live check-in's ref
        self.printed: set[str] = set()  # participants whose name tag was printed
        self._on_screen: tuple | None = None  # (order, show): the organiser's latest choice
        self._erased: set[str] = set()  # participants erased: their sealed blob is not kept

    def on_erased(self, ev, origin: str, position: int) -> None:
        """An erasure drops the door tablet's sealed contact details from memory too (the log
        itself is rewritten by the privacy room), whichever of the two events came first."""
        self._erased.add(ev.participant_id)
        for ref, checkin in self._checkins.items():
            if checkin.participant_id == ev.participant_id and checkin.contact_for_hub:
                self._checkins[ref] = replace(checkin, contact_for_hub="")

    def on_checked_in(self, ev, origin: str, position: int) -> None:
        ref = f"{origin}/{ev.originator_version}"
        blob = "" if ev.participant_id in self._erased else ev.contact_for_hub
        self._checkins[ref] = CheckIn(
            ref, ev.participant_id, origin, event_order(ev), ev.walk_in, blob
        )

    def on_undone(self, ev, origin: str, position: int) -> None:
        self._undone.update(ev.refs)

    def on_badges_printed(self, ev, origin: str, position: int) -> None:
        self.printed.update(ev.participant_ids)

    def on_shown_on_screen(self, ev, origin: str, position: int) -> None:
        choice = (event_order(ev), ev.show)
        if self._on_screen is None or choice[0] > self._on_screen[0]:
            self._on_screen = choice

    @property
    def shown_on_screen(self) -> bool:
        return self._on_screen is not None and self._on_screen[1]

    # --- questions -------------------------------------------------------------------------------

    def _arrivals(self) -> dict[str, CheckIn]:
        """Put together again when anything changed (a check-in, an undo, a merge)."""
        version = self.runner.version if self.runner is not None else 0
        if version != self._folded_at:
            first: dict[str, CheckIn] = {}
            refs: dict[str, list[str]] = {}
            for ref, checkin in self._checkins.items():
                if ref in self._undone:
                    continue
                kept = self.participants.canonical(checkin.participant_id)
                refs.setdefault(kept, []).append(ref)
                if kept not in first or checkin.order < first[kept].order:
                    first[kept] = checkin
            self._first, self._refs, self._folded_at = first, refs, version
        return self._first

    def arrival(self, participant_id: str) -> CheckIn | None:
        """Their first live check-in (on whichever tablet), or None while they are not here."""
        return self._arrivals().get(self.participants.canonical(participant_id))

    def is_here(self, participant_id: str) -> bool:
        return self.arrival(participant_id) is not None

    def live_refs(self, participant_id: str) -> list[str]:
        """The check-ins an undo of this participant must name (every tablet's, seen here)."""
        self._arrivals()
        return list(self._refs.get(self.participants.canonical(participant_id), ()))

    def count(self) -> int:
        return len(self._arrivals())

    def by_sector(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for kept in self._arrivals():
            sector = self.participants.sector_of(kept)
            counts[sector] = counts.get(sector, 0) + 1
        return counts

    def arrived(self) -> list[tuple[str, CheckIn]]:
        """(participant kept, first check-in), first come first."""
        return sorted(self._arrivals().items(), key=lambda item: item[1].order)

    def not_come(self) -> list:
        """Signed up (not invited, not withdrawn, not merged away) and not checked in."""
        here = self._arrivals()
        return sorted(
            (
                p
                for p in self.participants.values()
                if p.status == STATUS_SIGNED_UP
                and not p.walk_in
                and p.merged_into is None
                and p.id not in here
            ),
            key=lambda p: p.search_key,
        )

    def with_sealed_contacts(self) -> list[str]:
        """The walk-ins whose door tablet sealed contact details for the hub."""
        return list(
            dict.fromkeys(c.participant_id for c in self._checkins.values() if c.contact_for_hub)
        )

    def sealed_contacts(self, participant_id: str) -> list[str]:
        """A walk-in's contact details as the door's tablet sealed them for the hub."""
        return [
            c.contact_for_hub
            for c in sorted(self._checkins.values(), key=lambda c: c.order)
            if c.participant_id == participant_id and c.contact_for_hub
        ]
