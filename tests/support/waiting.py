"""Proving that something does *not* happen, by watching for it for a bounded time.

A fixed ``time.sleep`` before a negative check proves nothing during the sleep and fails only
at its end. :func:`never` polls for the thing that must not happen and fails the moment it
does. (The positive, waiting until something happens, is
:func:`tests.support.processes.wait_until`.)
"""

from __future__ import annotations

import time
from collections.abc import Callable


def never(
    predicate: Callable[[], object],
    seconds: float,
    interval: float = 0.05,
    pause: Callable[[float], None] = time.sleep,
) -> None:
    """Poll ``predicate()`` for ``seconds``; fail at once if it is ever truthy.

    ``pause`` waits between polls: a Playwright page passes its own wait, so that its events
    (a dialog, say) are delivered while the test watches.
    """
    deadline = time.monotonic() + seconds
    while True:
        seen = predicate()
        if seen:
            raise AssertionError(f"happened, and must not have: {seen!r}")
        left = deadline - time.monotonic()
        if left <= 0:
            return
        pause(min(interval, left))
