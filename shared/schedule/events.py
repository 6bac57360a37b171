"""The evening's plan, as the hub records it."""

from __future__ import annotations

from shared.core.device import ROLE_HUB
from shared.core.journal import JournalEvent
from shared.core.registry import REGISTRY
from shared.schedule.rules import validate_event_settings

FIELDS = ("name", "venue", "date", "opens_at", "closes_at", "target")


@REGISTRY.event(
    "EveningScheduled",
    writers=frozenset({ROLE_HUB}),
    check=lambda ev: validate_event_settings({k: getattr(ev, k) for k in FIELDS}),
)
class EveningScheduled(JournalEvent):
    name: str
    venue: str
    date: str
    opens_at: str
    closes_at: str
    target: int
