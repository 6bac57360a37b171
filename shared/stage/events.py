"""The hour's facts. Only the hub writes them, so its own sequence orders them; the hub's log
position of an ``HourClosed`` is what decides whether a deal arrived late."""

from __future__ import annotations

from shared.core.device import ROLE_HUB
from shared.core.journal import JournalEvent
from shared.core.registry import REGISTRY
from shared.stage import rules

HUB_ONLY = frozenset({ROLE_HUB})


def _figures(ev) -> dict:
    return {k: getattr(ev, k) for k in ("name", "date", "deals", "participants")}


@REGISTRY.event("HourOpened", writers=HUB_ONLY)
class HourOpened(JournalEvent):
    """The opening gong: the hour of the børs starts now (the hub's clock)."""


@REGISTRY.event(
    "HourClosed", writers=HUB_ONLY, check=lambda ev: rules.validate_earlier_evening(_figures(ev))
)
class HourClosed(JournalEvent):
    """The closing gong, with the count at that moment kept as this evening's result."""

    name: str
    date: str
    deals: int
    participants: int


@REGISTRY.event(
    "ClosingTimeMoved",
    writers=HUB_ONLY,
    check=lambda ev: rules.validate_closing_time(ev.closes_at),
)
class ClosingTimeMoved(JournalEvent):
    closes_at: str


@REGISTRY.event(
    "ScreenConfigured",
    writers=HUB_ONLY,
    check=lambda ev: rules.validate_screen_config(
        {k: getattr(ev, k, None) for k in ("message", "show_ticker", "language", "public_url")}
    ),
)
class ScreenConfigured(JournalEvent):
    """What the stage screen shows; ``show_value`` (since v2): the running social value.

    Version 1 (before ``show_value``) is upcast on the way in with the switch off, as it was."""

    class_version = 2
    min_reader_version = 1  # v2 only added a field: a v1 node may read it, ignoring that
    message: str
    show_ticker: bool
    language: str
    public_url: str
    show_value: bool

    @staticmethod
    def upcast_v1_v2(state: dict) -> None:
        state["show_value"] = False


@REGISTRY.event(
    "EarlierEveningRecorded",
    writers=HUB_ONLY,
    check=lambda ev: rules.validate_earlier_evening(_figures(ev)),
)
class EarlierEveningRecorded(JournalEvent):
    """Figures of an evening held before this hub was used, typed in by the organiser."""

    record_id: str
    name: str
    date: str
    deals: int
    participants: int


@REGISTRY.event("EarlierEveningRemoved", writers=HUB_ONLY)
class EarlierEveningRemoved(JournalEvent):
    record_id: str
