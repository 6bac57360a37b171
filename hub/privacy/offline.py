"""``bors hub erase`` and ``bors hub export-person``: the same use cases on a hub's data folder
while no hub runs there (the folder's lock, :mod:`hub.folder`, says so). On a running hub the
organiser uses the participant's privacy page instead."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from hub.folder import FolderInUse, FolderLock
from hub.privacy import erasure, people
from hub.service import Hub
from shared.core.checks import ValidationFailed

EXIT_REFUSED = 2


def _refused(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_REFUSED


def _with_hub(data: Path, work) -> int:
    if not (data / "hub.sqlite").exists():
        return _refused(f"{data} holds no hub")
    try:
        with FolderLock(data):
            hub = Hub(data)
            try:
                return work(hub)
            finally:
                hub.close()
    except FolderInUse as busy:
        return _refused(f"{busy}: erase on its organiser page, or stop it first")
    except ValidationFailed as failed:
        return _refused(", ".join(f"{f}: {c}" for f, c in failed.codes().items()))


def erase(data: Path, participant_id: str, why: str = "request") -> int:
    def work(hub: Hub) -> int:
        erased = erasure.erase(hub, participant_id, why)
        for pid in erased:
            print(f"erased {pid}")
        return 0

    return _with_hub(data, work)


def export_person(data: Path, participant_id: str, out: Path | None = None) -> int:
    def work(hub: Hub) -> int:
        text = json.dumps(people.export_person(hub, participant_id), ensure_ascii=False, indent=2)
        if out is None:
            print(text)
        else:
            out.write_text(text + "\n", encoding="utf-8")
            out.chmod(0o600)
        return 0

    return _with_hub(data, work)
