"""docs/architecture.md lists every event type as the registry knows it: a new room's events
are documented, or this fails."""

from __future__ import annotations

import re
from pathlib import Path

import shared.evening  # noqa: F401 - every room registered
from shared.core.registry import REGISTRY

DOC = Path(__file__).parent.parent.parent / "docs" / "architecture.md"
ROW = re.compile(r"^\| `(\w+)` \| (\w+) \| ([\w, ]+) \| (\d+) \| ([\w, ]+) \|$", re.M)


def test_the_event_table_matches_the_registry():
    documented = {
        name: (set(writers.split(", ")), int(version), folded.split(", "))
        for name, _room, writers, version, folded in ROW.findall(DOC.read_text())
    }
    registered = {
        name: (set(spec.writers), spec.version, REGISTRY.handlers(name))
        for name in REGISTRY.names()
        for spec in [REGISTRY.get(name)]
    }
    assert documented == registered
