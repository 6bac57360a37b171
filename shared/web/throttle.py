"""Counting wrong guesses (passwords, PINs) in a sliding window, to slow down guessing.

An attempt is counted *before* the slow check (argon2 takes tens of milliseconds): forty
guesses sent at once would otherwise all pass a "fewer than ten so far?" test before the first
of them was counted. :meth:`FailureWindow.attempt` reserves a place atomically and refuses once
the window is full; a right answer gives its place back with :meth:`FailureWindow.forgive`.
"""

from __future__ import annotations

import threading
import time
from collections import deque


class FailureWindow:
    """Attempts per key within the last ``window`` seconds; refused past ``limit``."""

    def __init__(self, limit: int, window: float = 60.0):
        self.limit, self.window = limit, window
        self._failures: dict[str, deque] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str) -> deque:
        recent = self._failures.setdefault(key, deque())
        while recent and time.monotonic() - recent[0] > self.window:
            recent.popleft()
        return recent

    def blocked(self, key: str = "") -> bool:
        with self._lock:
            if key not in self._failures:
                return False
            recent = self._recent(key)
            if not recent:
                del self._failures[key]  # a quiet address is forgotten
            return len(recent) >= self.limit

    def attempt(self, key: str = "") -> bool:
        """Count one attempt now, unless the window is full (then False: refuse it unchecked)."""
        with self._lock:
            recent = self._recent(key)
            if len(recent) >= self.limit:
                return False
            recent.append(time.monotonic())
            return True

    def forgive(self, key: str = "") -> None:
        """The attempt counted by :meth:`attempt` was right: it is not a failure."""
        with self._lock:
            recent = self._failures.get(key)
            if recent:
                recent.pop()

    def fail(self, key: str = "") -> None:
        with self._lock:
            self._recent(key).append(time.monotonic())


class GuessLimit:
    """Guesses limited per client address, and for all other addresses together.

    The laptop or tablet itself (``local``) is never paused by what others do, and is not
    paused at all when ``spare_local`` is set: a lock-out must never lock the organiser out on
    the hub laptop. An address on the LAN gets ``per_address`` guesses a window; since a guest
    can change address at will, all of them share ``all_remote`` more.
    """

    def __init__(self, per_address: int, all_remote: int, window: float = 60.0, *, spare_local):
        self.per_address = FailureWindow(per_address, window)
        self.all_remote = FailureWindow(all_remote, window)
        self.spare_local = spare_local

    def attempt(self, address: str, local: bool) -> bool:
        if local:
            return self.spare_local or self.per_address.attempt(address)
        if not self.per_address.attempt(address):
            return False
        if not self.all_remote.attempt():
            self.per_address.forgive(address)
            return False
        return True

    def forgive(self, address: str, local: bool) -> None:
        if local and self.spare_local:
            return
        self.per_address.forgive(address)
        if not local:
            self.all_remote.forgive()
