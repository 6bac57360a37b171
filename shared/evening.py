"""The evening as everyone sees it: a read model folded from every device's journal.

Promise 3 lives here: :class:`Evening` depends only on the *set* of events it was given, never on
the order they arrived in, and applying an event twice changes nothing. The hub and every kiosk
run this same fold, so the stage screen, the organiser's list and a tablet's mirror agree.

A deal's history is a small tree of revisions: the registration is the root, each correction
names the revision it was made from (its ``base``). One leaf is the normal case. Two leaves mean
two brokers changed the same deal without seeing each other's change: both are kept and the deal
is flagged for the organiser (promise 4) instead of one silently winning.

The organiser settles what is flagged with a ruling written by the hub (``DealConflictResolved``,
``DuplicateDealsResolved``, ``WalkInsResolved``). A ruling names what it settles, so it folds
like any other event: in any order, once, on the hub and on every tablet that pulled it.
Besides diverged versions, :meth:`Evening.conflicts` lists what only looks wrong together: the
same pair of participants and category registered on two tablets a few minutes apart (a likely
double registration), and the same walk-in added on two tablets.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from shared.domain.journal import EVENT_NAMES, device_tag
from shared.domain.validation import clean_text
from shared.domain.vocabulary import sector_pair

DUPLICATE_WINDOW = dt.timedelta(minutes=10)
"""Two registrations of the same pair and category this close (by device time) look like one."""

_DEAL_EVENTS = ("DealRegistered", "DealCorrected", "DealVoided", "DealConflictResolved")


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
    merged_into: str | None = None

    @property
    def search_key(self) -> str:
        return self.name.casefold()


@dataclass(slots=True)  # no per-deal __dict__: a hub may hold 100,000 of these
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
    heads: list = field(default_factory=list)  # the versions in conflict, oldest first
    open_voids: list = field(default_factory=list)  # voids no ruling has settled
    resolved: bool = False  # an organiser's ruling settled a conflict on this deal

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
        self._events: dict[str, object] = {}  # event ref -> event, for showing versions
        self._duplicate_rulings: list = []
        self._walk_in_rulings: list = []
        self._aliases: dict[str, str] = {}  # merged walk-in -> the participant kept
        self._participant_times: dict[str, dt.datetime] = {}
        self.version = 0  # bumped whenever anything a screen shows may have changed
        self._stats_at: tuple[int, dict] | None = None  # (version, figures)
        self._conflicts_at: tuple[int, list[dict]] | None = None  # (version, list)

    # --- folding -------------------------------------------------------------------------------

    def apply(self, ev, position: int = 0) -> bool:
        """Fold one event in; returns False when it had been applied already."""
        key = (sys.intern(str(ev.originator_id)), ev.originator_version)
        if key in self._seen:
            return False
        self._seen.add(key)
        name = EVENT_NAMES.get(type(ev))
        if name == "Opened":
            self.devices[key[0]] = {
                "role": ev.role,
                "name": ev.name,
                "tag": device_tag(key[0]),
                "software": ev.software,
            }
        elif name == "EveningScheduled":
            if self._settings_event is None or _order(ev) > _order(self._settings_event):
                self._settings_event = ev
        elif name == "ParticipantRegistered":
            self._participant_times[ev.participant_id] = ev.timestamp
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
                merged_into=self._canonical(ev.participant_id, ev.participant_id),
            )
        elif name in _DEAL_EVENTS:
            self._deal_events[ev.deal_id].append(ev)
            self._events[f"{key[0]}/{key[1]}"] = ev  # event_ref(ev)
            if name == "DealRegistered":
                self._received[ev.deal_id] = position
            self._refold_deal(ev.deal_id)
        elif name == "DuplicateDealsResolved":
            self._duplicate_rulings.append(ev)
            for deal_id in ev.deal_ids:
                if deal_id in self._deal_events:
                    self._refold_deal(deal_id)
        elif name == "WalkInsResolved":
            self._walk_in_rulings.append(ev)
            self._recompute_aliases()
        self.version += 1
        return True

    def _refold_deal(self, deal_id: str) -> None:
        events = self._deal_events[deal_id]
        # Each event's ref computed once per refold (str(UUID) is slow), and one string shared
        # by revision, revisions and heads.
        ref_of = {id(e): event_ref(e) for e in events}
        if len(events) == 1 and not self._duplicate_rulings:
            # Most deals: one registration, nothing else. The general path below gives exactly
            # this, at several times the cost (it dominated a hub's restart on a long log).
            root = current = events[0]
            if EVENT_NAMES[type(root)] != "DealRegistered":
                return  # a correction that outran its registration waits for it
            revisions = heads = [root]
            voids, head_refs, settled = [], set(), set()
            ruling_void = duplicate_void = False
            reason = ""
        else:
            root = next((e for e in events if EVENT_NAMES[type(e)] == "DealRegistered"), None)
            if root is None:
                return  # a correction that outran its registration waits for it
            revisions = [root] + [
                e
                for e in events
                if EVENT_NAMES[type(e)] in ("DealCorrected", "DealConflictResolved")
            ]
            refs = {ref_of[id(e)] for e in revisions}
            bases = {b for e in revisions[1:] for b in _bases(e) if b in refs}
            heads = [e for e in revisions if ref_of[id(e)] not in bases]
            if len(heads) > 1:  # sorting one element still computes its key: skip it
                heads.sort(key=_order)
            current = heads[-1]
            settled = {
                b
                for e in revisions
                if EVENT_NAMES[type(e)] == "DealConflictResolved"
                for b in e.supersedes
            }
            voids = [
                e
                for e in events
                if EVENT_NAMES[type(e)] == "DealVoided" and ref_of[id(e)] not in settled
            ]
            if len(voids) > 1:
                voids.sort(key=_order)
            head_refs = {ref_of[id(e)] for e in heads}
            ruling_void = EVENT_NAMES[type(current)] == "DealConflictResolved" and current.voided
            duplicate = self._duplicate_ruling(deal_id)
            duplicate_void = duplicate is not None and deal_id not in duplicate.keep
            reason = voids[-1].reason if voids else (current.reason if ruling_void else "")
        self.deals[deal_id] = DealView(
            id=deal_id,
            number=f"{device_tag(root.originator_id)}-{root.number}",
            origin=sys.intern(str(root.originator_id)),
            parties=[
                {**p, "participant_id": self._canonical(p["participant_id"])}
                for p in current.parties
            ],
            category=current.category,
            kind=current.kind,
            deadline=current.deadline,
            broker=current.broker,
            registered_at=root.timestamp,
            revision=ref_of[id(current)],
            received=self._received.get(deal_id, 0),
            voided=bool(voids) or ruling_void or duplicate_void,
            void_reason=reason or ("duplicate" if duplicate_void else ""),
            corrected=len(revisions) > 1,
            conflict=len(heads) > 1 or any(v.base not in head_refs for v in voids),
            revisions=[
                ref_of[id(e)]
                for e in (sorted(revisions, key=_order) if len(revisions) > 1 else revisions)
            ],
            heads=[ref_of[id(e)] for e in heads],
            open_voids=[ref_of[id(v)] for v in voids],
            resolved=bool(settled),
        )

    def _duplicate_ruling(self, deal_id: str):
        """The latest ruling on a suspected double registration that names this deal."""
        if not self._duplicate_rulings:
            return None
        rulings = [r for r in self._duplicate_rulings if deal_id in r.deal_ids]
        return max(rulings, key=_order) if rulings else None

    def _recompute_aliases(self) -> None:
        latest: dict[str, object] = {}
        for ruling in sorted(self._walk_in_rulings, key=_order):
            for pid in ruling.participant_ids:
                latest[pid] = ruling
        self._aliases = {pid: r.keep for pid, r in latest.items() if r.keep and r.keep != pid}
        for participant in self.participants.values():
            participant.merged_into = self._canonical(participant.id, participant.id)
        for deal_id in list(self.deals):
            self._refold_deal(deal_id)

    def _canonical(self, participant_id: str, none_if_same: str | None = None) -> str | None:
        """The participant a (possibly merged) walk-in stands for now.

        With ``none_if_same``: None when that is the participant itself (for ``merged_into``).
        """
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

    def version_of(self, ref: str) -> dict | None:
        """One recorded version of a deal (a registration, correction, void or ruling)."""
        ev = self._events.get(ref)
        if ev is None:
            return None
        name = EVENT_NAMES[type(ev)]
        shown = {
            "ref": ref,
            "type": name,
            "device": str(ev.originator_id),
            "tag": device_tag(ev.originator_id),
            "seq": ev.originator_version,
            "device_time": ev.timestamp,
        }
        if name == "DealVoided":
            return {**shown, "voided": True, "reason": ev.reason, "base": ev.base}
        return {
            **shown,
            "parties": [dict(p) for p in ev.parties],
            "category": ev.category,
            "kind": ev.kind,
            "deadline": ev.deadline,
            "broker": ev.broker,
            "voided": bool(getattr(ev, "voided", False)),
        }

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

    def conflicts(self) -> list[dict]:
        """What the organiser should look at, oldest first: never settled silently (promise 4).

        Each item has a stable ``key`` (the same on every node), a ``kind`` —
        ``versions`` (a deal changed on two tablets that had not seen each other's change),
        ``void_vs_edit`` (voided on one tablet, corrected on another), ``double_registration``
        or ``walk_in`` — and the ids involved.
        """
        # Screens poll the stats (which count these) far more often than the evening changes.
        if self._conflicts_at is None or self._conflicts_at[0] != self.version:
            self._conflicts_at = (self.version, self._find_conflicts())
        return [dict(c) for c in self._conflicts_at[1]]

    def _find_conflicts(self) -> list[dict]:
        found = []
        for deal in self.deals.values():
            if not deal.conflict:
                continue
            kind = "versions" if len(deal.heads) > 1 and not deal.open_voids else "void_vs_edit"
            found.append(
                {
                    "key": f"deal:{deal.id}",
                    "kind": kind,
                    "deal_ids": [deal.id],
                    "versions": deal.heads + deal.open_voids,
                    "since": deal.registered_at,
                }
            )
        found += self._double_registrations()
        found += self._double_walk_ins()
        return sorted(found, key=lambda c: (c["since"], c["key"]))

    def _double_registrations(self) -> list[dict]:
        by_pair: dict[tuple, list[DealView]] = defaultdict(list)
        for deal in self.deals.values():
            if deal.voided:
                continue
            by_pair[(frozenset(deal.party_ids), deal.category)].append(deal)
        found = []
        for group in by_pair.values():
            if len(group) < 2:
                continue
            group.sort(key=lambda d: (d.registered_at, d.id))
            suspects: list[list[DealView]] = []
            for deal in group:
                for cluster in suspects:
                    if any(
                        abs(deal.registered_at - other.registered_at) <= DUPLICATE_WINDOW
                        and (deal.origin != other.origin or deal.broker != other.broker)
                        for other in cluster
                    ):
                        cluster.append(deal)
                        break
                else:
                    suspects.append([deal])
            for cluster in suspects:
                ids = sorted(d.id for d in cluster)
                if len(ids) < 2 or self._duplicates_ruled(ids):
                    continue
                found.append(
                    {
                        "key": "double:" + "+".join(ids),
                        "kind": "double_registration",
                        "deal_ids": ids,
                        "versions": [d.revision for d in cluster],
                        "since": cluster[0].registered_at,
                    }
                )
        return found

    def _duplicates_ruled(self, deal_ids: list[str]) -> bool:
        return any(set(deal_ids) <= set(r.deal_ids) for r in self._duplicate_rulings)

    def _double_walk_ins(self) -> list[dict]:
        by_name: dict[tuple, list[ParticipantView]] = defaultdict(list)
        for p in self.participants.values():
            if p.walk_in and p.merged_into is None:
                by_name[(clean_text(p.name).casefold(), p.sector)].append(p)
        found = []
        for group in by_name.values():
            if len({p.registered_by for p in group}) < 2:
                continue
            ids = sorted(p.id for p in group)
            ruled = any(set(ids) <= set(r.participant_ids) for r in self._walk_in_rulings)
            if ruled:
                continue
            found.append(
                {
                    "key": "walkin:" + "+".join(ids),
                    "kind": "walk_in",
                    "participant_ids": ids,
                    "deal_ids": sorted(
                        d.id for d in self.deals.values() if set(ids) & set(d.party_ids)
                    ),
                    "versions": [],
                    "since": min(
                        (self._participant_times.get(pid) for pid in ids),
                        default=dt.datetime.min.replace(tzinfo=dt.UTC),
                    ),
                }
            )
        return found

    def counted_deals(self) -> list[DealView]:
        return [d for d in self.deals.values() if not d.voided]

    def sector_of(self, participant_id: str) -> str:
        p = self.participants.get(participant_id)
        return p.sector if p else "unknown"

    def deal_sector_pair(self, deal: DealView) -> str:
        sectors = [self.sector_of(pid) for pid in deal.party_ids[:2]]
        return sector_pair(*sectors) if len(sectors) == 2 else "unknown"

    def stats(self) -> dict:
        # Counted once per change of the evening (a pass over every deal), not once per screen
        # or phone asking: 300 viewers poll far more often than deals arrive.
        if self._stats_at is None or self._stats_at[0] != self.version:
            self._stats_at = (self.version, self._count())
        figures = self._stats_at[1]
        return {
            **figures,
            "by_sector_pair": dict(figures["by_sector_pair"]),
            "by_category": dict(figures["by_category"]),
        }

    def _count(self) -> dict:
        counted = self.counted_deals()
        return {
            "deals": len(counted),
            "voided": len(self.deals) - len(counted),
            "by_sector_pair": dict(Counter(self.deal_sector_pair(d) for d in counted)),
            "by_category": dict(Counter(d.category for d in counted)),
            "conflicts": len(self.conflicts()),
            "participants": sum(1 for p in self.participants.values() if p.merged_into is None),
        }

    def search_participants(self, query: str, limit: int = 8) -> list[ParticipantView]:
        """Type-ahead: names starting with the query first, then a later word starting with
        it, then names containing it anywhere; alphabetical within each group."""
        q = query.casefold().strip()
        if not q:
            return []
        ranked = []
        for p in self.participants.values():
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


def _bases(ev) -> list[str]:
    """The revisions an edit was made from: one for a correction, several for a ruling."""
    return list(ev.supersedes) if hasattr(ev, "supersedes") else [ev.base]


def _order(ev) -> tuple:
    """A total order on events that every node computes alike (device time, then identity)."""
    return (ev.timestamp, str(ev.originator_id), ev.originator_version)
