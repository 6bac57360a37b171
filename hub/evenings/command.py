"""``bors hub new-evening --data DIR [--date YYYY-MM-DD]``: close the evening, start the next.

Refused while a hub runs on the folder (its lock, :mod:`hub.folder`): the store is frozen and
replaced, which must not happen under a running hub. Exits 2 when refused, nothing changed.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from hub.evenings.closing import start_next_evening
from hub.folder import FolderInUse, FolderLock
from shared.core.checks import ValidationFailed

EXIT_REFUSED = 2


def run_new_evening(data: Path, next_date: str, out: Callable[[str], None]) -> int:
    if not (data / "hub.sqlite").exists():
        print(f"{data} holds no hub", file=sys.stderr)
        return EXIT_REFUSED
    if next_date:
        try:
            dt.date.fromisoformat(next_date)
        except ValueError:
            print(f"--date {next_date!r}: not a date (YYYY-MM-DD)", file=sys.stderr)
            return EXIT_REFUSED
    try:
        with FolderLock(data):
            done = start_next_evening(data, next_date)
    except FolderInUse as busy:
        print(f"{busy}: stop the hub first", file=sys.stderr)
        return EXIT_REFUSED
    except ValidationFailed as failed:
        print(", ".join(f"{f}: {c}" for f, c in failed.codes().items()), file=sys.stderr)
        return EXIT_REFUSED
    kept = done.archived
    out(
        f"Closed {kept.name or 'the evening'} {kept.date} into evenings/{kept.id} "
        f"({kept.deals} deals, {kept.events} events, digest {kept.digest[:16]}), read-only."
    )
    out(
        f"The next evening starts with {done.participants} participants from the register "
        f"(as invitees) and {done.records} earlier evenings' figures."
    )
    return 0
