"""What the organiser should look at, kept as deals and participants change.

Listed, oldest first, each with a stable ``key`` (the same on every node) and a ``kind``:

* ``versions``: a deal changed on two tablets that had not seen each other's change;
* ``void_vs_edit``: voided on one tablet, corrected on another;
* ``double_registration``: the same parties and category registered on two tablets (or by two
  brokers) a few minutes apart;
* ``walk_in``: the same walk-in added on two tablets.

Screens poll the count far more often than the evening changes, and a long log holds thousands
of suspected doubles, so nothing here walks every deal: deals are kept in buckets by category
and parties (the only place a double can be), and only buckets a change touched are looked at
again.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict

from shared.conflicts.rules import clusters_in_window
from shared.core.checks import clean_text
from shared.core.runner import Projection
from shared.deals.projection import Deals
from shared.deals.revisions import DealView
from shared.participants.projection import Participants, ParticipantView

_SINCE_ALWAYS = dt.datetime.min.replace(tzinfo=dt.UTC)


def bucket_key(category: str, party_ids: list[str]) -> tuple:
    try:
        return (category, *sorted(set(party_ids)))
    except TypeError:
        return (category, *party_ids)


class Conflicts(Projection):
    def __init__(self, deals: Deals, participants: Participants) -> None:
        self.deals = deals
        self.participants = participants
        deals.listen(self)
        participants.listen(self)
        self._conflicted: set[str] = set()  # deals whose versions diverged
        # (category, *sorted party ids) -> the counted deal ids there (one id, or a list)
        self._buckets: dict[tuple, str | list] = {}
        self._dirty_buckets: set[tuple] = set()
        self._doubles: dict[tuple, list[dict]] = {}  # bucket -> its suspected doubles
        self._double_count = 0
        self._walk_ins_found: list[dict] | None = None
        self._walk_in_members: set[str] = set()
        self._listed: list[dict] | None = None  # None: something they show changed
        # Readers share the evening's lock, and the questions below settle what the fold only
        # marked as changed: one reader at a time does that.
        self._settling = threading.RLock()

    # --- what the deals and participants tell us ------------------------------------------------

    def deal_view(self, view: DealView, party_ids: list[str], pair: str | None, sign: int):
        if view.conflict:
            self._listed = None
            if sign > 0:
                self._conflicted.add(view.id)
            else:
                self._conflicted.discard(view.id)
        if self._walk_in_members and not self._walk_in_members.isdisjoint(party_ids):
            self._walk_ins_found = self._listed = None
        if pair is not None:  # a voided deal is not a double of anything
            self._bucket(view.id, bucket_key(view.category, party_ids), sign)

    def _bucket(self, deal_id: str, key: tuple, sign: int) -> None:
        """Put a deal into (or take it out of) its bucket: one id, or a list of them."""
        self._dirty_buckets.add(key)
        bucket = self._buckets.get(key)
        if sign > 0:
            if bucket is None:
                self._buckets[key] = deal_id
            elif type(bucket) is list:
                bucket.append(deal_id)
            else:
                self._buckets[key] = [bucket, deal_id]
        elif type(bucket) is list:
            bucket.remove(deal_id)
            if len(bucket) == 1:
                self._buckets[key] = bucket[0]
        elif bucket is not None:
            del self._buckets[key]

    def recount_start(self) -> None:
        self._conflicted.clear()
        self._buckets.clear()
        self._dirty_buckets.clear()
        self._doubles.clear()
        self._double_count = 0
        self._walk_ins_found = self._listed = None

    def participant_arriving(self, participant_id: str, before: ParticipantView | None) -> None:
        pass

    def participant_arrived(self, participant_id: str, before, after: ParticipantView) -> None:
        self._walk_ins_found = self._listed = None

    def merges_changed(self) -> None:
        self._walk_ins_found = self._listed = None

    # --- questions -----------------------------------------------------------------------------

    def all(self) -> list[dict]:
        """Every open conflict, oldest first (fresh dicts: callers may change them)."""
        with self._settling:
            self._settle_doubles()
            if self._listed is None:
                self._listed = self._find()
            return [dict(c) for c in self._listed]

    def count(self) -> int:
        """``len(self.all())``, without listing them."""
        with self._settling:
            self._settle_doubles()
            if self._walk_ins_found is None:
                self._find_walk_ins()
            return len(self._conflicted) + self._double_count + len(self._walk_ins_found)

    def _find(self) -> list[dict]:
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
        found += [dict(c) for doubles in self._doubles.values() for c in doubles]
        if self._walk_ins_found is None:
            self._find_walk_ins()
        found += [dict(c) for c in self._walk_ins_found]
        return sorted(found, key=lambda c: (c["since"], c["key"]))

    def _settle_doubles(self) -> None:
        """Suspected doubles, looked for again only in the buckets a change touched."""
        for key in self._dirty_buckets:
            bucket = self._buckets.get(key)
            found = []
            if type(bucket) is list:
                found = self._doubles_in([self.deals[d] for d in bucket])
            before = self._doubles.get(key, [])
            if found != before:
                self._double_count += len(found) - len(before)
                self._listed = None
            if found:
                self._doubles[key] = found
            else:
                self._doubles.pop(key, None)
        self._dirty_buckets.clear()

    def _doubles_in(self, group: list[DealView]) -> list[dict]:
        # (device time, id, origin, broker, deal), oldest first: read once, not per comparison
        rows = sorted((d.registered_at, d.id, d.origin, d.broker, d) for d in group)
        found = []
        for cluster in clusters_in_window(rows):
            members = [row[4] for row in cluster]
            ids = sorted(d.id for d in members)
            if len(ids) < 2 or self._duplicates_ruled(ids):
                continue
            found.append(
                {
                    "key": "double:" + "+".join(ids),
                    "kind": "double_registration",
                    "deal_ids": ids,
                    "versions": [d.revision for d in members],
                    "since": members[0].registered_at,
                }
            )
        return found

    def _duplicates_ruled(self, deal_ids: list[str]) -> bool:
        return any(set(deal_ids) <= set(r.deal_ids) for r in self.deals.duplicate_rulings)

    def _find_walk_ins(self) -> None:
        self._walk_ins_found = self._double_walk_ins()
        self._walk_in_members = {pid for c in self._walk_ins_found for pid in c["participant_ids"]}

    def _double_walk_ins(self) -> list[dict]:
        by_name: dict[tuple, list[ParticipantView]] = defaultdict(list)
        for p in self.participants.values():
            if p.walk_in and p.merged_into is None and not p.erased:  # erased: all alike
                by_name[(clean_text(p.name).casefold(), p.sector)].append(p)
        rulings = self.participants.walk_in_rulings
        found = []
        for group in by_name.values():
            if len({p.registered_by for p in group}) < 2:
                continue
            ids = sorted(p.id for p in group)
            if any(set(ids) <= set(r.participant_ids) for r in rulings):
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
                        (self.participants.registered_at(pid) for pid in ids),
                        default=_SINCE_ALWAYS,
                    ),
                }
            )
        return found
