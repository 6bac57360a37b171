"""The journal's base: the append-only record of everything one device did.

Each device writes exactly one journal, whose id is the device id. Because a device is the only
writer of its own journal, the journal's version is the device's own sequence number: it orders
the device's events even when its clock lies (promise 7), it never collides with another
device's numbers, and ``(device id, version)`` identifies an event wherever it travels
(promise 2). Deals, participants and settings are not aggregates of their own: they are
projections folded from every device's journal (:mod:`shared.evening`), which is what lets two
offline tablets both change the same deal without either write being lost (promise 4).

The aggregate itself is put together in :mod:`shared.journal` from each room's commands; here
are the pieces every room's events stand on.
"""

from __future__ import annotations

import datetime as dt

from eventsourcing.domain import Aggregate

from shared.core.device import ROLES, device_now
from shared.core.registry import REGISTRY

MAX_DEVICE_NAME = 120
MAX_SOFTWARE = 40


class JournalEvent(Aggregate.Event):
    """A fact in a device's journal, stamped with that device's clock."""

    @staticmethod
    def create_timestamp() -> dt.datetime:
        return device_now()


def _require(condition: bool, detail: str) -> None:
    if not condition:
        raise ValueError(detail)


def _check_opened(ev) -> None:
    from eventsourcing.utils import resolve_topic

    from shared.journal import Journal

    try:
        aggregate = resolve_topic(ev.originator_topic)
    except Exception:  # eventsourcing raises TopicError, or the import fails
        aggregate = None
    _require(aggregate is Journal, "foreign aggregate topic")
    _require(ev.originator_version == 1, "a journal opens at sequence 1")
    _require(isinstance(ev.role, str) and isinstance(ev.name, str), "role and name")
    _require(len(ev.name) <= MAX_DEVICE_NAME, "name too long")
    _require(isinstance(ev.software, str) and len(ev.software) <= MAX_SOFTWARE, "software")


def _check_opened_by_kiosk(ev) -> None:
    _require(ev.role == "kiosk", "a pushed journal must be a kiosk's")


@REGISTRY.event(
    "Opened", writers=frozenset(ROLES), check=_check_opened, check_from_kiosk=_check_opened_by_kiosk
)
class Opened(Aggregate.Created):
    """A device's journal starts; ``software`` names the app version it runs (since v2).

    Version 1 (before ``software``) still arrives from kiosks not yet updated; eventsourcing
    calls ``upcast_v1_v2`` on the way in, so the rest of the code sees one shape only.
    """

    class_version = 2
    min_reader_version = 1  # v2 only added a field: a v1 node may read it, ignoring that
    device_id: str
    role: str
    name: str
    software: str

    @staticmethod
    def create_timestamp() -> dt.datetime:
        return device_now()

    @staticmethod
    def upcast_v1_v2(state: dict) -> None:
        state["software"] = ""
