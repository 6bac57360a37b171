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
from collections import defaultdict
from dataclasses import dataclass

from shared.domain.journal import EVENT_NAMES, device_tag
from shared.domain.validation import clean_text
from shared.domain.vocabulary import sector_pair

DUPLICATE_WINDOW = dt.timedelta(minutes=10)
"""Two registrations of the same pair and category this close (by device time) look like one."""

_REG, _COR, _VOID, _RULE = (
    "DealRegistered",
    "DealCorrected",
    "DealVoided",
    "DealConflictResolved",
)
_DEAL_EVENTS = (_REG, _COR, _VOID, _RULE)


def event_ref(ev) -> str:
    """The identity of one event anywhere in the system: ``<device id>/<sequence>``."""
    return f"{ev.originator_id}/{ev.originator_version}"


def _interned(value):
    return sys.intern(value) if type(value) is str else value


def _compact_parties(parties) -> tuple:
    """``[{"participant_id": a, "gives": x}, ...]`` as ``(a, x, b, y, ...)``: one tuple, not a
    dict per party. Parties of any other shape are kept as copies (a tuple of dicts)."""
    flat: list[str] = []
    for p in parties:
        if (
            type(p) is dict
            and len(p) == 2
            and list(p) == ["participant_id", "gives"]
            and type(p["participant_id"]) is str
            and type(p["gives"]) is str
        ):
            flat += (sys.intern(p["participant_id"]), p["gives"])
        else:
            return tuple(dict(p) if isinstance(p, dict) else p for p in parties)
    return tuple(flat)


def _is_flat(parties: tuple) -> bool:
    return bool(parties) and type(parties[0]) is str


def _party_dicts(parties: tuple) -> list[dict]:
    if _is_flat(parties):
        return [
            {"participant_id": parties[i], "gives": parties[i + 1]}
            for i in range(0, len(parties), 2)
        ]
    return [dict(p) for p in parties]


def _party_ids(parties: tuple) -> list[str]:
    if _is_flat(parties):
        return list(parties[0::2])
    return [p["participant_id"] for p in parties]


class _Version:
    """One recorded version of a deal (registration, correction, void or ruling), as the fold
    needs it: the decoded eventsourcing event (≈ 2 KB) is not kept. A registration, the
    common case, has no base, reason or void flag: those live on :class:`_Edit`."""

    __slots__ = (
        "broker",
        "category",
        "deadline",
        "kind",
        "name",
        "number",
        "origin",
        "parties",
        "position",
        "seq",
        "timestamp",
    )
    bases: tuple = ()
    voided = False
    reason = ""

    @property
    def ref(self) -> str:
        return f"{self.origin}/{self.seq}"


class _Edit(_Version):
    """A correction, void or ruling: it names the version(s) it was made from."""

    __slots__ = ("bases", "reason", "voided")


def _version(ev, name: str, origin: str, position: int) -> _Version:
    v = _Version() if name == _REG else _Edit()
    v.name = name
    v.origin = origin
    v.seq = ev.originator_version
    v.timestamp = ev.timestamp
    v.position = position
    v.number = None
    if name == _VOID:
        v.bases = (ev.base,)
        v.parties = ()
        v.category = v.kind = v.deadline = v.broker = ""
        v.reason = ev.reason
        v.voided = False
        return v
    v.parties = _compact_parties(ev.parties)
    v.category = _interned(ev.category)
    v.kind = _interned(ev.kind)
    v.deadline = _interned(ev.deadline)
    v.broker = _interned(ev.broker)
    if name == _REG:
        v.number = ev.number
    elif name == _COR:
        v.bases = (ev.base,)
        v.reason = ""
        v.voided = False
    else:
        v.bases = tuple(ev.supersedes)
        v.voided = ev.voided
        v.reason = ev.reason
    return v


class _Sequences:
    """The sequence numbers seen from one device: 1..upto, plus any that came early."""

    __slots__ = ("early", "upto")

    def __init__(self) -> None:
        self.upto = 0
        self.early: set[int] | None = None

    def add(self, seq) -> bool:
        """False when ``seq`` had been seen."""
        if seq == self.upto + 1:
            self.upto = seq
            early = self.early
            while early and self.upto + 1 in early:
                self.upto += 1
                early.discard(self.upto)
            return True
        if type(seq) is int and 0 < seq <= self.upto:
            return False
        if self.early is None:
            self.early = set()
        if seq in self.early:
            return False
        self.early.add(seq)
        return True


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


_DEAL_FIELDS = (
    "id",
    "number",
    "origin",
    "parties",
    "category",
    "kind",
    "deadline",
    "broker",
    "registered_at",
    "revision",
    "received",
    "voided",
    "void_reason",
    "corrected",
    "conflict",
    "revisions",
    "heads",
    "open_voids",
    "resolved",
)


class DealView:
    """One deal as everyone sees it. Compact: a hub may hold 100,000 of these, so the content
    is read from the versions it was folded from (shared, never copied), what only a corrected,
    voided or disputed deal has is kept apart, and lists are built when asked for."""

    __slots__ = ("_current", "_more", "_parties", "_root", "id", "received", "voided")
    __hash__ = None  # type: ignore[assignment]

    def __init__(
        self,
        id: str,
        root: _Version,
        current: _Version,
        parties: tuple,
        received: int,
        voided: bool = False,
        more: tuple | None = None,
    ) -> None:
        self.id = id
        self._root = root
        self._current = current
        self._parties = parties
        self.received = received
        self.voided = voided
        # None, or (void_reason, corrected, conflict, revisions, heads, open_voids, resolved)
        self._more = more

    @property
    def number(self) -> str:
        return f"{device_tag(self._root.origin)}-{self._root.number}"

    @property
    def origin(self) -> str:
        return self._root.origin

    @property
    def registered_at(self) -> dt.datetime:
        return self._root.timestamp

    @property
    def parties(self) -> list[dict]:
        return _party_dicts(self._parties)

    @property
    def party_ids(self) -> list[str]:
        return _party_ids(self._parties)

    @property
    def category(self) -> str:
        return self._current.category

    @property
    def kind(self) -> str:
        return self._current.kind

    @property
    def deadline(self) -> str:
        return self._current.deadline

    @property
    def broker(self) -> str:
        return self._current.broker

    @property
    def revision(self) -> str:
        return self._current.ref

    @property
    def void_reason(self) -> str:
        return "" if self._more is None else self._more[0]

    @property
    def corrected(self) -> bool:
        return False if self._more is None else self._more[1]

    @property
    def conflict(self) -> bool:
        return False if self._more is None else self._more[2]

    @property
    def revisions(self) -> list[str]:
        return [self._current.ref] if self._more is None else list(self._more[3])

    @property
    def heads(self) -> list[str]:
        return [self._current.ref] if self._more is None else list(self._more[4])

    @property
    def open_voids(self) -> list[str]:
        return [] if self._more is None else list(self._more[5])

    @property
    def resolved(self) -> bool:
        return False if self._more is None else self._more[6]

    def _fields(self) -> tuple:
        return tuple(getattr(self, name) for name in _DEAL_FIELDS)

    def __eq__(self, other) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(_DEAL_FIELDS, self._fields(), strict=True))
        return f"DealView({shown})"


def _bump(counter: dict, key, by: int) -> None:
    """Counter arithmetic that leaves no zero entries (the figures are shown as they are)."""
    n = counter.get(key, 0) + by
    if n:
        counter[key] = n
    else:
        counter.pop(key, None)


class Evening:
    def __init__(self) -> None:
        self._seen: dict[str, _Sequences] = {}
        self._settings_event = None
        self.participants: dict[str, ParticipantView] = {}
        # deal id -> its versions, in the order they were folded; not kept for a deal that is
        # one registration (the common case): its view holds that version
        self._deal_events: dict[str, tuple] = {}
        # device id -> deal id of each of its sequence numbers (None: not a deal event), to
        # show a version by its ref; 8 bytes an event, where a dict of refs took ~130
        self._deal_at: dict[str, list] = {}
        self._deal_far: dict[tuple, str] = {}  # a sequence far beyond the rest (never, really)
        self.deals: dict[str, DealView] = {}
        self.devices: dict[str, dict] = {}
        self._duplicate_rulings: list = []
        self._walk_in_rulings: list = []
        self._aliases: dict[str, str] = {}  # merged walk-in -> the participant kept
        self._participant_times: dict[str, dt.datetime] = {}
        self.version = 0  # bumped whenever anything a screen shows may have changed
        self._stats_at: tuple[int, dict] | None = None  # (version, figures)
        self._conflicts_at: list[dict] | None = None  # None: something they show changed
        # Figures kept as deals change (each refold takes the deal's old view out and puts the
        # new one in), so no question has to walk every deal.
        self._counted = 0
        self._voided = 0
        self._by_category: dict[str, int] = {}
        self._by_pair: dict[str, int] = {}
        self._unmerged = 0  # participants not merged into another
        self._waiting: dict[str, set[str]] = {}  # unknown participant -> deals counted without
        self._conflicted: set[str] = set()  # deals whose versions diverged
        # (category, *sorted party ids) -> the uncounted-out deal ids there (one id, or a list)
        self._buckets: dict[tuple, str | list] = {}
        self._dirty_buckets: set[tuple] = set()
        self._doubles: dict[tuple, list[dict]] = {}  # bucket -> its suspected doubles
        self._double_count = 0
        self._walk_ins_found: list[dict] | None = None
        self._walk_in_members: set[str] = set()
        self._watchers: list = []
        self.max_received = 0
        self.received_in_order = True  # deals were first seen in increasing ``received``

    def watch(self, watcher) -> None:
        """``watcher.deal_counted(view, sector_pair, +1 | -1)`` for every counted deal's view
        going in or out, and ``watcher.recount()`` when everything is counted afresh."""
        self._watchers.append(watcher)

    # --- folding -------------------------------------------------------------------------------

    def apply(self, ev, position: int = 0) -> bool:
        """Fold one event in; returns False when it had been applied already."""
        origin = sys.intern(str(ev.originator_id))
        seen = self._seen.get(origin)
        if seen is None:
            seen = self._seen[origin] = _Sequences()
        if not seen.add(ev.originator_version):
            return False
        name = EVENT_NAMES.get(type(ev))
        if name == "Opened":
            self.devices[origin] = {
                "role": ev.role,
                "name": ev.name,
                "tag": device_tag(origin),
                "software": ev.software,
            }
        elif name == "EveningScheduled":
            if self._settings_event is None or _order(ev) > _order(self._settings_event):
                self._settings_event = ev
        elif name == "ParticipantRegistered":
            self._register_participant(ev, origin)
        elif name in _DEAL_EVENTS:
            deal_id = _interned(ev.deal_id)
            version = _version(ev, name, origin, position)
            versions = (*self._versions(deal_id), version)
            if len(versions) > 1 or name != _REG:
                self._deal_events[deal_id] = versions
            self._note_deal(origin, version.seq, deal_id)
            self._refold_deal(deal_id, versions)
        elif name == "DuplicateDealsResolved":
            self._duplicate_rulings.append(ev)
            for deal_id in ev.deal_ids:
                if deal_id in self._deal_events or deal_id in self.deals:
                    self._refold_deal(deal_id)
        elif name == "WalkInsResolved":
            self._walk_in_rulings.append(ev)
            self._recompute_aliases()
        self.version += 1
        return True

    def _register_participant(self, ev, origin: str) -> None:
        pid = _interned(ev.participant_id)
        before = self.participants.get(pid)
        # Deals counted while this participant was unknown count under another sector pair
        # now: take them out before, put them back after.
        waiting = self._waiting.pop(pid, ()) if before is None else ()
        affected = [self.deals[d] for d in waiting if d in self.deals]
        for view in affected:
            self._tally(view, -1)
        self._participant_times[pid] = ev.timestamp
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
        self.participants[pid] = participant
        if before is not None and before.merged_into is None:
            self._unmerged -= 1
        if participant.merged_into is None:
            self._unmerged += 1
        for view in affected:
            self._tally(view, +1)
        self._walk_ins_found = self._conflicts_at = None
        if before is not None and before.sector != participant.sector:
            self._recount()  # registered again with another sector: rare, count afresh

    def _note_deal(self, origin: str, seq, deal_id: str) -> None:
        at = self._deal_at.get(origin)
        if at is None:
            at = self._deal_at[origin] = []
        if type(seq) is int and 0 <= seq < len(at) + 4096:
            if seq >= len(at):
                at.extend([None] * (seq + 1 - len(at)))
            at[seq] = deal_id
        else:
            self._deal_far[(origin, seq)] = deal_id

    def _deal_of_ref(self, ref: str) -> str | None:
        origin, _, seq = ref.rpartition("/")
        try:
            seq = int(seq)
        except ValueError:
            return None
        at = self._deal_at.get(origin, ())
        if 0 <= seq < len(at):
            return at[seq]
        return self._deal_far.get((origin, seq))

    def _versions(self, deal_id: str) -> tuple:
        held = self._deal_events.get(deal_id)
        if held is not None:
            return held
        view = self.deals.get(deal_id)
        return () if view is None else (view._root,)

    def _refold_deal(self, deal_id: str, versions: tuple | None = None) -> None:
        if versions is None:
            versions = self._versions(deal_id)
        if len(versions) == 1 and not self._duplicate_rulings:
            # Most deals: one registration, nothing else. The general path below gives exactly
            # this, at several times the cost (it dominated a hub's restart on a long log).
            root = versions[0]
            if root.name != _REG:
                return  # a correction that outran its registration waits for it
            self._set_view(
                deal_id, DealView(deal_id, root, root, self._canonical_parties(root), root.position)
            )
            return
        root = next((v for v in versions if v.name == _REG), None)
        if root is None:
            return  # a correction that outran its registration waits for it
        received = next(v.position for v in reversed(versions) if v.name == _REG)
        revisions = [root] + [v for v in versions if v.name in (_COR, _RULE)]
        refs = {v.ref for v in revisions}
        bases = {b for v in revisions[1:] for b in v.bases if b in refs}
        heads = [v for v in revisions if v.ref not in bases]
        if len(heads) > 1:  # sorting one element still computes its key: skip it
            heads.sort(key=_version_order)
        current = heads[-1]
        settled = {b for v in revisions if v.name == _RULE for b in v.bases}
        voids = [v for v in versions if v.name == _VOID and v.ref not in settled]
        if len(voids) > 1:
            voids.sort(key=_version_order)
        head_refs = {v.ref for v in heads}
        ruling_void = current.name == _RULE and current.voided
        duplicate = self._duplicate_ruling(deal_id)
        duplicate_void = duplicate is not None and deal_id not in duplicate.keep
        reason = voids[-1].reason if voids else (current.reason if ruling_void else "")
        plain = ("", False, False, (current.ref,), (current.ref,), (), False)
        more = (
            reason or ("duplicate" if duplicate_void else ""),
            len(revisions) > 1,
            len(heads) > 1 or any(v.bases[0] not in head_refs for v in voids),
            tuple(v.ref for v in sorted(revisions, key=_version_order)),
            tuple(v.ref for v in heads),
            tuple(v.ref for v in voids),
            bool(settled),
        )
        self._set_view(
            deal_id,
            DealView(
                deal_id,
                root,
                current,
                self._canonical_parties(current),
                received,
                voided=bool(voids) or bool(ruling_void) or duplicate_void,
                more=None if more == plain else more,
            ),
        )

    def _canonical_parties(self, version: _Version) -> tuple:
        if not self._aliases:
            return version.parties  # shared with the version: nothing to rename
        parties = version.parties
        if _is_flat(parties):
            return tuple(self._canonical(x) if i % 2 == 0 else x for i, x in enumerate(parties))
        return tuple({**p, "participant_id": self._canonical(p["participant_id"])} for p in parties)

    def _set_view(self, deal_id: str, view: DealView) -> None:
        old = self.deals.get(deal_id)
        if old is not None:
            self._tally(old, -1)
            if old.received != view.received:
                self.received_in_order = False
        elif view.received <= self.max_received and self.deals:
            self.received_in_order = False
        self.max_received = max(self.max_received, view.received)
        self.deals[deal_id] = view
        self._tally(view, +1)

    # --- figures kept as deals change ----------------------------------------------------------

    def _tally(self, view: DealView, sign: int) -> None:
        """Count one deal's view in (+1) or out (-1) of every figure kept."""
        if view.conflict:
            self._conflicts_at = None
            if sign > 0:
                self._conflicted.add(view.id)
            else:
                self._conflicted.discard(view.id)
        party_ids = view.party_ids
        if self._walk_in_members and not self._walk_in_members.isdisjoint(party_ids):
            self._walk_ins_found = self._conflicts_at = None
        if view.voided:
            self._voided += sign
            return
        self._counted += sign
        category = view.category
        try:
            key = (category, *sorted(set(party_ids)))
        except TypeError:
            key = (category, *party_ids)
        self._dirty_buckets.add(key)
        bucket = self._buckets.get(key)
        if sign > 0:
            if bucket is None:
                self._buckets[key] = view.id
            elif type(bucket) is list:
                bucket.append(view.id)
            else:
                self._buckets[key] = [bucket, view.id]
        elif type(bucket) is list:
            bucket.remove(view.id)
            if len(bucket) == 1:
                self._buckets[key] = bucket[0]
        elif bucket is not None:
            del self._buckets[key]
        pair = self._sector_pair_of(party_ids)
        _bump(self._by_category, category, sign)
        _bump(self._by_pair, pair, sign)
        if sign > 0:
            for pid in party_ids[:2]:
                if pid not in self.participants:
                    self._waiting.setdefault(pid, set()).add(view.id)
        for watcher in self._watchers:
            watcher.deal_counted(view, pair, sign)

    def _recount(self) -> None:
        self._counted = self._voided = 0
        self._by_category.clear()
        self._by_pair.clear()
        self._waiting.clear()
        self._conflicted.clear()
        self._buckets.clear()
        self._dirty_buckets.clear()
        self._doubles.clear()
        self._double_count = 0
        self._walk_ins_found = self._conflicts_at = None
        for watcher in self._watchers:
            watcher.recount_start()
        for view in self.deals.values():
            self._tally(view, +1)

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
        self._unmerged = sum(1 for p in self.participants.values() if p.merged_into is None)
        self._walk_ins_found = self._conflicts_at = None
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
        deal_id = self._deal_of_ref(ref)
        if deal_id is None:
            return None
        v = next((v for v in self._versions(deal_id) if v.ref == ref), None)
        if v is None:
            return None
        shown = {
            "ref": ref,
            "type": v.name,
            "device": v.origin,
            "tag": device_tag(v.origin),
            "seq": v.seq,
            "device_time": v.timestamp,
        }
        if v.name == _VOID:
            return {**shown, "voided": True, "reason": v.reason, "base": v.bases[0]}
        return {
            **shown,
            "parties": _party_dicts(v.parties),
            "category": v.category,
            "kind": v.kind,
            "deadline": v.deadline,
            "broker": v.broker,
            "voided": bool(v.voided),
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
        # Listed again only when a deal in conflict, a suspected double or a walk-in changed:
        # a long log holds thousands of them, and most changes touch none.
        self._settle_doubles()
        if self._conflicts_at is None:
            self._conflicts_at = self._find_conflicts()
        return [dict(c) for c in self._conflicts_at]

    def conflict_count(self) -> int:
        """``len(self.conflicts())``, without listing them."""
        return self._conflict_count()

    def _find_conflicts(self) -> list[dict]:
        found = []
        for deal_id in self._conflicted:
            deal = self.deals[deal_id]
            heads, open_voids = deal.heads, deal.open_voids
            kind = "versions" if len(heads) > 1 and not open_voids else "void_vs_edit"
            found.append(
                {
                    "key": f"deal:{deal.id}",
                    "kind": kind,
                    "deal_ids": [deal.id],
                    "versions": heads + open_voids,
                    "since": deal.registered_at,
                }
            )
        found += self._double_registrations()
        if self._walk_ins_found is None:
            self._find_walk_ins()
        found += [dict(c) for c in self._walk_ins_found]
        return sorted(found, key=lambda c: (c["since"], c["key"]))

    def _double_registrations(self) -> list[dict]:
        self._settle_doubles()
        return [dict(c) for found in self._doubles.values() for c in found]

    def _settle_doubles(self) -> None:
        """Suspected doubles, looked for again only where a deal came, went or changed: deals
        are kept in buckets by category and parties, the only place a double can be."""
        for key in self._dirty_buckets:
            bucket = self._buckets.get(key)
            found = []
            if type(bucket) is list:
                found = self._doubles_in([self.deals[d] for d in bucket])
            before = self._doubles.get(key, [])
            if found != before:
                self._double_count += len(found) - len(before)
                self._conflicts_at = None
            if found:
                self._doubles[key] = found
            else:
                self._doubles.pop(key, None)
        self._dirty_buckets.clear()

    def _conflict_count(self) -> int:
        """``len(self.conflicts())`` without listing them: a long log holds thousands of
        suspected doubles, and the stats are asked for after every change."""
        self._settle_doubles()
        if self._walk_ins_found is None:
            self._find_walk_ins()
        return len(self._conflicted) + self._double_count + len(self._walk_ins_found)

    def _find_walk_ins(self) -> None:
        self._walk_ins_found = self._double_walk_ins()
        self._walk_in_members = {pid for c in self._walk_ins_found for pid in c["participant_ids"]}

    def _doubles_in(self, group: list[DealView]) -> list[dict]:
        # (device time, id, origin, broker, deal), oldest first: read once, not per comparison
        rows = sorted((d.registered_at, d.id, d.origin, d.broker, d) for d in group)
        suspects: list[list[tuple]] = []
        for row in rows:
            at, _, origin, broker, _ = row
            for cluster in suspects:
                # Members joined oldest first: when the newest is out of the window, all are.
                if at - cluster[-1][0] > DUPLICATE_WINDOW:
                    continue
                if any(
                    abs(at - other[0]) <= DUPLICATE_WINDOW
                    and (origin != other[2] or broker != other[3])
                    for other in cluster
                ):
                    cluster.append(row)
                    break
            else:
                suspects.append([row])
        suspects = [[row[4] for row in cluster] for cluster in suspects]
        found = []
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
        return self._sector_pair_of(deal.party_ids)

    def _sector_pair_of(self, party_ids: list[str]) -> str:
        sectors = [self.sector_of(pid) for pid in party_ids[:2]]
        return sector_pair(*sectors) if len(sectors) == 2 else "unknown"

    def stats(self) -> dict:
        # Kept as deals change (see _tally), put together once per change of the evening.
        if self._stats_at is None or self._stats_at[0] != self.version:
            self._stats_at = (self.version, self._count())
        figures = self._stats_at[1]
        return {
            **figures,
            "by_sector_pair": dict(figures["by_sector_pair"]),
            "by_category": dict(figures["by_category"]),
        }

    def _count(self) -> dict:
        return {
            "deals": self._counted,
            "voided": self._voided,
            "by_sector_pair": dict(self._by_pair),
            "by_category": dict(self._by_category),
            "conflicts": self._conflict_count(),
            "participants": self._unmerged,
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


def _order(ev) -> tuple:
    """A total order on events that every node computes alike (device time, then identity)."""
    return (ev.timestamp, str(ev.originator_id), ev.originator_version)


def _version_order(v: _Version) -> tuple:
    """:func:`_order` for a deal's kept versions."""
    return (v.timestamp, v.origin, v.seq)
