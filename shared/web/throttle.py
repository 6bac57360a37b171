"""Counting wrong guesses (passwords, PINs) in a sliding window, to slow down guessing."""

from __future__ import annotations

import threading
import time
from collections import deque


class FailureWindow:
    """Wrong attempts per key within the last ``window`` seconds; ``blocked`` past ``limit``."""

    def __init__(self, limit: int, window: float = 60.0):
        self.limit, self.window = limit, window
        self._failures: dict[str, deque] = {}
        self._lock = threading.Lock()

    def blocked(self, key: str = "") -> bool:
        with self._lock:
            recent = self._failures.get(key, deque())
            while recent and time.monotonic() - recent[0] > self.window:
                recent.popleft()
            return len(recent) >= self.limit

    def fail(self, key: str = "") -> None:
        with self._lock:
            self._failures.setdefault(key, deque()).append(time.monotonic())
