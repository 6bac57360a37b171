"""Counting deals as they come and go: how many of a kind, and how many within a time window."""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from collections import Counter

from shared.deals.revisions import bump


class Tally:
    """Counted deals of one kind (in the hour, or late): how many, by category, by sector pair."""

    __slots__ = ("categories", "count", "pairs")

    def __init__(self) -> None:
        self.count = 0
        self.categories: dict[str, int] = {}
        self.pairs: dict[str, int] = {}

    def add(self, category: str, pair: str, sign: int) -> None:
        self.count += sign
        bump(self.categories, category, sign)
        bump(self.pairs, pair, sign)

    def take(self, other: Tally) -> None:
        self.count += other.count
        for category, n in other.categories.items():
            bump(self.categories, category, n)
        for pair, n in other.pairs.items():
            bump(self.pairs, pair, n)
        other.__init__()


class Timeline:
    """A sorted multiset of times, changes merged in when it is read: counting a window is a
    bisection, and a restart's 100,000 arrivals are sorted once, not inserted one by one."""

    def __init__(self) -> None:
        self._sorted: list[dt.datetime] = []
        self._added: list[dt.datetime] = []
        self._dropped: list[dt.datetime] = []
        self._settling = threading.Lock()  # readers share the evening's lock; one settles

    def change(self, at: dt.datetime, sign: int) -> None:
        (self._added if sign > 0 else self._dropped).append(at)
        if len(self._added) + len(self._dropped) > 2 * len(self._sorted) + 10_000:
            self._settle()  # nobody asked for a while: keep the pending lists short

    def clear(self) -> None:
        self._sorted.clear()
        self._added.clear()
        self._dropped.clear()

    def count(self, since: dt.datetime, until: dt.datetime) -> int:
        with self._settling:
            self._settle()
            return bisect.bisect_right(self._sorted, until) - bisect.bisect_left(
                self._sorted, since
            )

    def _settle(self) -> None:
        added, dropped = self._added, self._dropped
        if not added and not dropped:
            return
        times = self._sorted
        if len(added) > 64:
            times = self._sorted = sorted(times + added)
        else:
            for at in added:
                bisect.insort(times, at)
        if len(dropped) > 64:
            gone = Counter(dropped)
            kept = []
            for at in times:
                if gone.get(at):
                    gone[at] -= 1
                else:
                    kept.append(at)
            self._sorted = kept
        else:
            for at in dropped:
                i = bisect.bisect_left(times, at)
                if i < len(times) and times[i] == at:
                    del times[i]
        added.clear()
        dropped.clear()
