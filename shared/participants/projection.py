"""The participants as everyone sees them: profiles, who was merged into whom, the picker.

A walk-in added on two tablets is two participants until the organiser merges them
(``WalkInsResolved``, a ruling of the conflicts room): from then on the merged one points at the
one kept (``merged_into``), and every deal naming it counts under the one kept. Other
projections that count by participant listen here (:class:`ParticipantListener`).
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from typing import Protocol

from shared.core.runner import Projection, event_order
from shared.core.vocabulary import UNKNOWN_SECTOR


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
    merged_into: str | None = None

    @property
    def search_key(self) -> str:
        return self.name.casefold()


class ParticipantListener(Protocol):
    def participant_arriving(self, participant_id: str, before: ParticipantView | None) -> None:
        """Called before a registration is folded in (``before``: what was known)."""

    def participant_arrived(
        self, participant_id: str, before: ParticipantView | None, after: ParticipantView
    ) -> None:
        """Called after it was folded in."""

    def merges_changed(self) -> None:
        """Who is merged into whom changed: anything keyed by participant is stale."""


def _interned(value):
    return sys.intern(value) if type(value) is str else value


class Participants(Projection):
    handles = {  # noqa: RUF012 - read once by the runner
        "ParticipantRegistered": "on_registered",
        "WalkInsResolved": "on_walk_ins_resolved",
    }

    def __init__(self) -> None:
        self._all: dict[str, ParticipantView] = {}
        self._registered_at: dict[str, dt.datetime] = {}
        self._aliases: dict[str, str] = {}  # merged walk-in -> the participant kept
        self.walk_in_rulings: list = []
        self.unmerged = 0  # participants not merged into another
        self._listeners: list[ParticipantListener] = []

    def listen(self, listener: ParticipantListener) -> None:
        self._listeners.append(listener)

    # --- folding -------------------------------------------------------------------------------

    def on_registered(self, ev, origin: str, position: int) -> None:
        pid = _interned(ev.participant_id)
        before = self._all.get(pid)
        for listener in self._listeners:
            listener.participant_arriving(pid, before)
        self._registered_at[pid] = ev.timestamp
        participant = ParticipantView(
            id=pid,
            name=ev.name,
            sector=_interned(ev.sector),
            needs=list(ev.needs),
            offers=list(ev.offers),
            consent_public=ev.consent_public,
            walk_in=ev.walk_in,
            contact_sealed=ev.contact_sealed,
            registered_by=origin,
            merged_into=self._canonical(pid, pid),
        )
        self._all[pid] = participant
        if before is not None and before.merged_into is None:
            self.unmerged -= 1
        if participant.merged_into is None:
            self.unmerged += 1
        for listener in self._listeners:
            listener.participant_arrived(pid, before, participant)

    def on_walk_ins_resolved(self, ev, origin: str, position: int) -> None:
        self.walk_in_rulings.append(ev)
        latest: dict[str, object] = {}
        for ruling in sorted(self.walk_in_rulings, key=event_order):
            for pid in ruling.participant_ids:
                latest[pid] = ruling
        self._aliases = {pid: r.keep for pid, r in latest.items() if r.keep and r.keep != pid}
        for participant in self._all.values():
            participant.merged_into = self._canonical(participant.id, participant.id)
        self.unmerged = sum(1 for p in self._all.values() if p.merged_into is None)
        for listener in self._listeners:
            listener.merges_changed()

    # --- questions -----------------------------------------------------------------------------

    def get(self, participant_id: str, default=None) -> ParticipantView | None:
        return self._all.get(participant_id, default)

    def __getitem__(self, participant_id: str) -> ParticipantView:
        return self._all[participant_id]

    def __contains__(self, participant_id: object) -> bool:
        return participant_id in self._all

    def __iter__(self):
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)

    def __bool__(self) -> bool:
        return bool(self._all)

    def values(self):
        return self._all.values()

    def items(self):
        return self._all.items()

    def sector_of(self, participant_id: str) -> str:
        p = self._all.get(participant_id)
        return p.sector if p else UNKNOWN_SECTOR

    def registered_at(self, participant_id: str) -> dt.datetime | None:
        return self._registered_at.get(participant_id)

    @property
    def has_merges(self) -> bool:
        return bool(self._aliases)

    def canonical(self, participant_id: str) -> str:
        """The participant a (possibly merged) walk-in stands for now."""
        return self._canonical(participant_id)

    def _canonical(self, participant_id: str, none_if_same: str | None = None) -> str | None:
        """With ``none_if_same``: None when that is the participant itself (``merged_into``)."""
        if participant_id not in self._aliases:  # the common case, on every deal folded
            return None if participant_id == none_if_same else participant_id
        seen = {participant_id}
        current = participant_id
        while current in self._aliases and self._aliases[current] not in seen:
            current = self._aliases[current]
            seen.add(current)
        if none_if_same is not None:
            return None if current == none_if_same else current
        return current

    def search(self, query: str, limit: int = 8) -> list[ParticipantView]:
        """Type-ahead: names starting with the query first, then a later word starting with
        it, then names containing it anywhere; alphabetical within each group."""
        q = query.casefold().strip()
        if not q:
            return []
        ranked = []
        for p in self._all.values():
            if p.merged_into is not None:
                continue
            key = p.search_key
            if key.startswith(q):
                ranked.append((0, key, p))
            elif any(w.startswith(q) for w in key.split()):
                ranked.append((1, key, p))
            elif q in key:
                ranked.append((2, key, p))
        ranked.sort(key=lambda item: item[:2])
        return [p for _, _, p in ranked[:limit]]
