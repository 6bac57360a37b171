"""The deal list everyone sees, folded from every device's journal, with its figures.

Each deal is refolded from its versions whenever one arrives (see :mod:`shared.deals.revisions`
for the tree of versions); the figures (counted, voided, by category, by sector pair) are kept
as deals change: each refold takes the deal's old view out and puts the new one in, so no
question has to walk every deal. Projections that count deals in their own way (conflicts, the
stage) listen to exactly those changes (:class:`DealListener`).

The organiser's rulings fold here too, because they decide what stands: a
``DealConflictResolved`` is one more version of the deal that supersedes the ones it names, and
a ``DuplicateDealsResolved`` voids the deals not kept.
"""

from __future__ import annotations

from typing import Protocol

from shared.core.device import device_tag
from shared.core.runner import Projection, event_order
from shared.core.vocabulary import UNKNOWN_SECTOR, sector_pair
from shared.deals.revisions import (
    CORRECTED,
    REGISTERED,
    RULING,
    UNVOIDED,
    VOIDED,
    DealView,
    Version,
    bump,
    interned,
    is_flat,
    make_version,
    party_dicts,
    version_order,
)
from shared.participants.projection import Participants, ParticipantView


class DealListener(Protocol):
    def deal_view(self, view: DealView, party_ids: list[str], pair: str | None, sign: int):
        """A deal's view goes in (+1) or out (-1); ``pair`` is None when it is voided."""

    def recount_start(self) -> None:
        """Every deal is about to be counted afresh."""


class Deals(Projection):
    handles = {  # noqa: RUF012 - read once by the runner
        REGISTERED: "on_registered",
        CORRECTED: "on_corrected",
        VOIDED: "on_voided",
        RULING: "on_ruling",
        UNVOIDED: "on_void_undone",
        "DuplicateDealsResolved": "on_duplicates_resolved",
    }

    def __init__(self, participants: Participants) -> None:
        self.participants = participants
        participants.listen(self)
        self._views: dict[str, DealView] = {}
        # deal id -> its versions, in the order they were folded; not kept for a deal that is
        # one registration (the common case): its view holds that version
        self._deal_events: dict[str, tuple] = {}
        # device id -> deal id of each of its sequence numbers (None: not a deal event), to
        # show a version by its ref; 8 bytes an event, where a dict of refs took ~130
        self._deal_at: dict[str, list] = {}
        self._deal_far: dict[tuple, str] = {}  # a sequence far beyond the rest (never, really)
        self.duplicate_rulings: list = []
        self.counted = 0
        self.voided = 0
        self.by_category: dict[str, int] = {}
        self.by_pair: dict[str, int] = {}
        self._waiting: dict[str, set[str]] = {}  # unknown participant -> deals counted without
        self._listeners: list[DealListener] = []
        self._arriving: list[DealView] = []  # between participant_arriving and _arrived
        self.max_received = 0
        self.received_in_order = True  # deals were first seen in increasing ``received``

    def listen(self, listener: DealListener) -> None:
        self._listeners.append(listener)

    # --- folding -------------------------------------------------------------------------------

    def on_registered(self, ev, origin: str, position: int) -> None:
        self._add_version(ev, REGISTERED, origin, position)

    def on_corrected(self, ev, origin: str, position: int) -> None:
        self._add_version(ev, CORRECTED, origin, position)

    def on_voided(self, ev, origin: str, position: int) -> None:
        self._add_version(ev, VOIDED, origin, position)

    def on_ruling(self, ev, origin: str, position: int) -> None:
        self._add_version(ev, RULING, origin, position)

    def on_void_undone(self, ev, origin: str, position: int) -> None:
        self._add_version(ev, UNVOIDED, origin, position)

    def on_duplicates_resolved(self, ev, origin: str, position: int) -> None:
        self.duplicate_rulings.append(ev)
        for deal_id in ev.deal_ids:
            if deal_id in self._deal_events or deal_id in self._views:
                self._refold(deal_id)

    def _add_version(self, ev, name: str, origin: str, position: int) -> None:
        deal_id = interned(ev.deal_id)
        version = make_version(ev, name, origin, position)
        versions = (*self._versions(deal_id), version)
        if len(versions) > 1 or name != REGISTERED:
            self._deal_events[deal_id] = versions
        self._note_deal(origin, version.seq, deal_id)
        self._refold(deal_id, versions)

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
        view = self._views.get(deal_id)
        return () if view is None else (view.root_version,)

    def _refold(self, deal_id: str, versions: tuple | None = None) -> None:
        if versions is None:
            versions = self._versions(deal_id)
        if len(versions) == 1 and not self.duplicate_rulings:
            # Most deals: one registration, nothing else. The general path below gives exactly
            # this, at several times the cost (it dominated a hub's restart on a long log).
            root = versions[0]
            if root.name != REGISTERED:
                return  # a correction that outran its registration waits for it
            self._set_view(
                deal_id, DealView(deal_id, root, root, self._canonical_parties(root), root.position)
            )
            return
        root = next((v for v in versions if v.name == REGISTERED), None)
        if root is None:
            return  # a correction that outran its registration waits for it
        self._set_view(deal_id, self._fold_tree(deal_id, root, versions))

    def _fold_tree(self, deal_id: str, root: Version, versions: tuple) -> DealView:
        received = next(v.position for v in reversed(versions) if v.name == REGISTERED)
        revisions = [root] + [v for v in versions if v.name in (CORRECTED, RULING)]
        refs = {v.ref for v in revisions}
        bases = {b for v in revisions[1:] for b in v.bases if b in refs}
        heads = [v for v in revisions if v.ref not in bases]
        if len(heads) > 1:  # sorting one element still computes its key: skip it
            heads.sort(key=version_order)
        current = heads[-1]
        settled = {b for v in revisions if v.name == RULING for b in v.bases}
        undone = {b for v in versions if v.name == UNVOIDED for b in v.bases}
        voids = [v for v in versions if v.name == VOIDED and v.ref not in settled | undone]
        if len(voids) > 1:
            voids.sort(key=version_order)
        head_refs = {v.ref for v in heads}
        ruling_void = current.name == RULING and current.voided
        duplicate = self._duplicate_ruling(deal_id)
        duplicate_void = duplicate is not None and deal_id not in duplicate.keep
        reason = voids[-1].reason if voids else (current.reason if ruling_void else "")
        plain = ("", False, False, (current.ref,), (current.ref,), (), False)
        more = (
            reason or ("duplicate" if duplicate_void else ""),
            len(revisions) > 1,
            len(heads) > 1 or any(v.bases[0] not in head_refs for v in voids),
            tuple(v.ref for v in sorted(revisions, key=version_order)),
            tuple(v.ref for v in heads),
            tuple(v.ref for v in voids),
            bool(settled),
        )
        return DealView(
            deal_id,
            root,
            current,
            self._canonical_parties(current),
            received,
            voided=bool(voids) or bool(ruling_void) or duplicate_void,
            more=None if more == plain else more,
        )

    def _canonical_parties(self, version: Version) -> tuple:
        participants = self.participants
        if not participants.has_merges:
            return version.parties  # shared with the version: nothing to rename
        parties = version.parties
        if is_flat(parties):
            return tuple(
                participants.canonical(x) if i % 2 == 0 else x for i, x in enumerate(parties)
            )
        return tuple(
            {**p, "participant_id": participants.canonical(p["participant_id"])} for p in parties
        )

    def _set_view(self, deal_id: str, view: DealView) -> None:
        old = self._views.get(deal_id)
        if old is not None:
            self._tally(old, -1)
            if old.received != view.received:
                self.received_in_order = False
        elif view.received <= self.max_received and self._views:
            self.received_in_order = False
        self.max_received = max(self.max_received, view.received)
        self._views[deal_id] = view
        self._tally(view, +1)

    def _duplicate_ruling(self, deal_id: str):
        """The latest ruling on a suspected double registration that names this deal."""
        if not self.duplicate_rulings:
            return None
        rulings = [r for r in self.duplicate_rulings if deal_id in r.deal_ids]
        return max(rulings, key=event_order) if rulings else None

    # --- figures kept as deals change ----------------------------------------------------------

    def _tally(self, view: DealView, sign: int) -> None:
        """Count one deal's view in (+1) or out (-1) of every figure kept."""
        party_ids = view.party_ids
        pair = None
        if view.voided:
            self.voided += sign
        else:
            self.counted += sign
            pair = self._sector_pair_of(party_ids)
            bump(self.by_category, view.category, sign)
            bump(self.by_pair, pair, sign)
            if sign > 0:
                for pid in party_ids[:2]:
                    if pid not in self.participants:
                        self._waiting.setdefault(pid, set()).add(view.id)
        for listener in self._listeners:
            listener.deal_view(view, party_ids, pair, sign)

    def _recount(self) -> None:
        self.counted = self.voided = 0
        self.by_category.clear()
        self.by_pair.clear()
        self._waiting.clear()
        for listener in self._listeners:
            listener.recount_start()
        for view in self._views.values():
            self._tally(view, +1)

    # --- what the participants tell us ---------------------------------------------------------

    def participant_arriving(self, participant_id: str, before: ParticipantView | None) -> None:
        # Deals counted while this participant was unknown count under another sector pair
        # now: take them out before, put them back after.
        waiting = self._waiting.pop(participant_id, ()) if before is None else ()
        self._arriving = [self._views[d] for d in waiting if d in self._views]
        for view in self._arriving:
            self._tally(view, -1)

    def participant_arrived(
        self, participant_id: str, before: ParticipantView | None, after: ParticipantView
    ) -> None:
        for view in self._arriving:
            self._tally(view, +1)
        self._arriving = []
        if before is not None and before.sector != after.sector:
            self._recount()  # registered again with another sector: rare, count afresh

    def merges_changed(self) -> None:
        for deal_id in list(self._views):
            self._refold(deal_id)

    # --- questions -----------------------------------------------------------------------------

    def get(self, deal_id: str, default=None) -> DealView | None:
        return self._views.get(deal_id, default)

    def __getitem__(self, deal_id: str) -> DealView:
        return self._views[deal_id]

    def __contains__(self, deal_id: object) -> bool:
        return deal_id in self._views

    def __iter__(self):
        return iter(self._views)

    def __len__(self) -> int:
        return len(self._views)

    def values(self):
        return self._views.values()

    def items(self):
        return self._views.items()

    def counted_deals(self) -> list[DealView]:
        return [d for d in self._views.values() if not d.voided]

    def sector_pair(self, deal: DealView) -> str:
        return self._sector_pair_of(deal.party_ids)

    def _sector_pair_of(self, party_ids: list[str]) -> str:
        sectors = [self.participants.sector_of(pid) for pid in party_ids[:2]]
        return sector_pair(*sectors) if len(sectors) == 2 else UNKNOWN_SECTOR

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
        if v.name == VOIDED:
            return {**shown, "voided": True, "reason": v.reason, "base": v.bases[0]}
        if v.name == UNVOIDED:
            return {**shown, "voided": False, "undoes": list(v.bases)}
        return {
            **shown,
            "parties": party_dicts(v.parties),
            "category": v.category,
            "kind": v.kind,
            "deadline": v.deadline,
            "broker": v.broker,
            "voided": bool(v.voided),
        }
