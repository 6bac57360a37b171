"""The participants as everyone sees them: profiles, who was merged into whom, the picker.

A walk-in added on two tablets is two participants until the organiser merges them
(``WalkInsResolved``, a ruling of the conflicts room): from then on the merged one points at the
one kept (``merged_into``), and every deal naming it counts under the one kept. Other
projections that count by participant listen here (:class:`ParticipantListener`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import sys
from dataclasses import dataclass, replace
from typing import Protocol

from shared.core.registry import REGISTRY
from shared.core.runner import Projection, event_order
from shared.core.vocabulary import UNKNOWN_SECTOR
from shared.participants.rules import STATUS_INVITED, STATUS_SIGNED_UP, STATUS_WITHDRAWN
from shared.privacy.redaction import (
    CONTACT_FIELDS,
    PERSONAL_FIELDS,
    forgotten_profile,
    redact_event,
)


@dataclass
class ParticipantView:
    """One participant as everyone reads them (the catalogue reads ``status``, ``orgnr``,
    ``logo``, ``show_public`` and ``in_catalogue``: keep those stable)."""

    id: str
    name: str
    sector: str
    needs: list
    offers: list
    show_public: bool  # agreed to be named on the stage screen and in the public catalogue
    walk_in: bool
    contact_sealed: str
    registered_by: str
    merged_into: str | None = None
    status: str = STATUS_SIGNED_UP  # signed_up, invited, withdrawn (walk-ins: signed_up)
    orgnr: str = ""
    logo: str = ""  # the stored, resized logo's file name in the hub's data folder
    consented: bool = False  # consent to the register's purpose is on record
    consent_text: str = ""  # the SHA-256 of the exact words agreed to ("" before issue 12)
    source: str = ""  # form, invitation, import, organiser; "" for a walk-in or older log
    changed_at: dt.datetime | None = None
    erased: bool = False  # shown as "slettet deltaker"; their deals still count

    @property
    def consent_public(self) -> bool:
        """The name before issue 12, as the screen and the MC read it: shown, not withdrawn."""
        return self.show_public and self.status != STATUS_WITHDRAWN

    @property
    def in_catalogue(self) -> bool:
        """Shown in the public catalogue: agreed to it, signed up, not merged into another."""
        return self.show_public and self.status == STATUS_SIGNED_UP and self.merged_into is None

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


def _profile(ev) -> dict:
    return {
        "name": ev.name,
        "orgnr": ev.orgnr,
        "sector": _interned(ev.sector),
        "needs": list(ev.needs),
        "offers": list(ev.offers),
        "logo": ev.logo,
        "show_public": ev.show_public,
        "contact_sealed": ev.contact_sealed,
    }


def _registered(before, ev, origin):
    return ParticipantView(
        id=_interned(ev.participant_id),
        name=ev.name,
        sector=_interned(ev.sector),
        needs=list(ev.needs),
        offers=list(ev.offers),
        show_public=ev.consent_public,
        consented=ev.consent_public,
        source="" if ev.walk_in else "organiser",
        walk_in=ev.walk_in,
        contact_sealed=ev.contact_sealed,
        registered_by=origin,
    )


def _signed_up(before, ev, origin):
    return ParticipantView(
        id=_interned(ev.participant_id),
        walk_in=False,
        registered_by=before.registered_by if before else origin,
        status=STATUS_SIGNED_UP,
        consented=True,
        consent_text=ev.consent_text,
        source=ev.source,
        changed_at=ev.timestamp if before else None,
        **_profile(ev),
    )


def _invited(before, ev, origin):
    if before is not None and before.status != STATUS_INVITED:
        return replace(before, **_profile(ev), show_public=before.show_public)
    return ParticipantView(
        id=_interned(ev.participant_id),
        walk_in=False,
        registered_by=before.registered_by if before else origin,
        status=STATUS_INVITED,
        source=ev.source,
        **_profile(ev),
    )


def _changed(before, ev, origin):
    if before is None:
        return None  # its participant is not known here yet: folded when they arrive
    return replace(before, **_profile(ev), changed_at=ev.timestamp)


def _withdrawn(before, ev, origin):
    if before is None:
        return None
    return replace(before, status=STATUS_WITHDRAWN, changed_at=ev.timestamp)


STEPS = {
    "ParticipantRegistered": _registered,
    "ParticipantSignedUp": _signed_up,
    "ParticipantInvited": _invited,
    "ParticipantChanged": _changed,
    "ParticipantWithdrawn": _withdrawn,
}


class Participants(Projection):
    handles = {  # noqa: RUF012 - read once by the runner
        **dict.fromkeys(STEPS, "on_profile_fact"),
        "ParticipantNoteAdded": "on_note",
        "WalkInsResolved": "on_merge_ruling",
        "ParticipantDuplicatesResolved": "on_merge_ruling",
        "ConsentTextRecorded": "on_consent_text",
        "SignUpConfigured": "on_signup_configured",
        "ParticipantErased": "on_erased",
        "ContactDetailsPurged": "on_purged",
    }

    def __init__(self) -> None:
        self._all: dict[str, ParticipantView] = {}
        self._registered_at: dict[str, dt.datetime] = {}
        self._facts: dict[str, list] = {}  # participant -> [(order, name, event, origin)]
        self._notes: dict[str, list] = {}
        self._aliases: dict[str, str] = {}  # merged participant -> the participant kept
        self.walk_in_rulings: list = []
        self.duplicate_rulings: list = []
        self.consent_texts: dict[str, object] = {}  # digest -> ConsentTextRecorded
        self._signup: list = []  # SignUpConfigured, in event order
        self.unmerged = 0  # participants not merged into another
        self._listeners: list[ParticipantListener] = []
        # Erasure and the purge win over every fact, whichever order they arrive in (promise 3)
        self._erased: set[str] = set()
        self._purged: set[str] = set()

    def listen(self, listener: ParticipantListener) -> None:
        self._listeners.append(listener)

    # --- folding -------------------------------------------------------------------------------

    def on_profile_fact(self, ev, origin: str, position: int) -> None:
        """Every fact about one participant's profile, folded in the order of the facts
        (device time, then identity), whatever order they arrive in (promise 3)."""
        pid = _interned(ev.participant_id)
        name = REGISTRY.name_of(type(ev))
        if pid in self._erased:  # a fact that arrives after the erasure is kept erased too
            ev = redact_event(ev)
        facts = self._facts.setdefault(pid, [])
        order = event_order(ev)
        in_order = not facts or facts[-1][0] <= order
        bisect.insort(facts, (order, name, ev, origin), key=lambda fact: fact[0])
        before = self._all.get(pid)
        if in_order:
            after = STEPS[name](before, ev, origin)
        else:
            after = None
            for _, fact_name, fact, fact_origin in facts:
                after = STEPS[fact_name](after, fact, fact_origin) or after
        if after is None:
            return
        after = self._honour_privacy(pid, after)
        if name == "ParticipantRegistered" or pid not in self._registered_at:
            self._registered_at[pid] = ev.timestamp
        else:  # the first fact about them: when they entered the register
            self._registered_at[pid] = min(self._registered_at[pid], ev.timestamp)
        self._put(pid, before, after)

    def _put(self, pid: str, before, after: ParticipantView) -> None:
        for listener in self._listeners:
            listener.participant_arriving(pid, before)
        after.merged_into = self._canonical(pid, pid)
        self._all[pid] = after
        if before is not None and before.merged_into is None:
            self.unmerged -= 1
        if after.merged_into is None:
            self.unmerged += 1
        for listener in self._listeners:
            listener.participant_arrived(pid, before, after)

    def _honour_privacy(self, pid: str, view: ParticipantView) -> ParticipantView:
        if pid in self._erased:
            return replace(view, **forgotten_profile(), erased=True)
        if pid in self._purged:
            return replace(view, contact_sealed="")
        return view

    def _forget_facts(self, pid: str, fields) -> None:
        """The facts kept for the register's history, rewritten as the stores are."""
        self._facts[pid] = [
            (order, name, redact_event(ev, fields), origin)
            for order, name, ev, origin in self._facts.get(pid, ())
        ]
        self._notes[pid] = [redact_event(ev, fields) for ev in self._notes.get(pid, ())]

    def on_erased(self, ev, origin: str, position: int) -> None:
        pid = _interned(ev.participant_id)
        self._erased.add(pid)
        self._forget_facts(pid, tuple(PERSONAL_FIELDS))
        if pid in self._all:
            before = self._all[pid]
            self._put(pid, before, self._honour_privacy(pid, before))

    def on_purged(self, ev, origin: str, position: int) -> None:
        for pid in map(_interned, ev.participant_ids):
            self._purged.add(pid)
            self._forget_facts(pid, CONTACT_FIELDS)
            if pid in self._all:
                before = self._all[pid]
                self._put(pid, before, self._honour_privacy(pid, before))

    def forget_profiles(self) -> None:
        """A tablet forgetting a closed evening: every profile it holds, as its rewritten
        copies now hold it (facts that arrive later are folded as usual)."""
        for pid, before in list(self._all.items()):
            self._forget_facts(pid, tuple(PERSONAL_FIELDS))
            self._put(pid, before, replace(before, **forgotten_profile()))

    def on_note(self, ev, origin: str, position: int) -> None:
        bisect.insort(self._notes.setdefault(ev.participant_id, []), ev, key=event_order)

    def on_consent_text(self, ev, origin: str, position: int) -> None:
        self.consent_texts.setdefault(ev.digest, ev)

    def on_signup_configured(self, ev, origin: str, position: int) -> None:
        bisect.insort(self._signup, ev, key=event_order)

    def on_merge_ruling(self, ev, origin: str, position: int) -> None:
        """A merge (walk-ins at the door, duplicates in the register): the latest ruling
        naming a participant decides whom they stand for."""
        if REGISTRY.name_of(type(ev)) == "WalkInsResolved":
            self.walk_in_rulings.append(ev)
        else:
            self.duplicate_rulings.append(ev)
        latest: dict[str, object] = {}
        for ruling in sorted(self.walk_in_rulings + self.duplicate_rulings, key=event_order):
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

    # --- the register --------------------------------------------------------------------------

    def facts_of(self, participant_id: str) -> list:
        """Every fact about one participant, oldest first: profile facts, notes, merges; for
        one that others were merged into, theirs too (a merge keeps both histories)."""
        members = {participant_id} | {
            pid for pid in self._all if self._canonical(pid) == participant_id
        }
        found = [fact[2] for pid in members for fact in self._facts.get(pid, ())]
        found += [note for pid in members for note in self._notes.get(pid, ())]
        found += [
            r
            for r in self.walk_in_rulings + self.duplicate_rulings
            if members & set(r.participant_ids)
        ]
        return sorted(found, key=event_order)

    def notes_of(self, participant_id: str) -> list:
        return list(self._notes.get(participant_id, ()))

    @property
    def signup_settings(self) -> dict | None:
        """The organiser's latest sign-up settings, or None before any were set."""
        if not self._signup:
            return None
        ev = self._signup[-1]
        fields = ("mode", "deadline", "cap", "retention", "organiser", "contact", "purpose")
        return {field: getattr(ev, field) for field in fields}

    def signed_up_count(self) -> int:
        """Sign-ups that count against the organiser's cap: signed up, not merged away."""
        return sum(
            1
            for p in self._all.values()
            if p.status == STATUS_SIGNED_UP and not p.walk_in and p.merged_into is None
        )

    def kept_apart(self, participant_ids) -> bool:
        """The organiser ruled these are not the same (a proposal not to make again)."""
        wanted = set(participant_ids)
        return any(not r.keep and wanted <= set(r.participant_ids) for r in self.duplicate_rulings)
