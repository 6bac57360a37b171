"""One registry of every event type a journal can hold.

For each type: its wire name, which roles may write it (a kiosk, the hub), its schema version
and upcasters (eventsourcing's ``class_version`` and ``upcast_vN_vM`` on the class), the
rules an event arriving from another device must pass, and the projections that fold it.
Everything that used to keep its own list of event names (the protocol, the folds, the kiosk)
asks here. A type name is never used to import code: only the names registered here exist.

Each room registers its events where it defines them (``shared/<room>/events.py``) with
:meth:`EventRegistry.event`; ``shared.journal`` imports every room, so the registry is whole
wherever a journal can be read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from eventsourcing.utils import register_topic

# Release 0.2 declared every event inside one aggregate class; logs written by it name the
# events so. They stay readable: each name is registered as a topic of today's class.
LEGACY_MODULE = "shared.domain.journal"
LEGACY_TOPIC = LEGACY_MODULE + ":Journal.{name}"


@dataclass(frozen=True)
class EventType:
    name: str
    cls: type
    writers: frozenset[str]
    # The same rules a form applies, applied again to an event that arrives from elsewhere;
    # raises ValueError (ValidationFailed is one) when the event must be refused.
    check: Callable[[object], None] | None = None
    # What only makes sense when a tablet wrote it (a tablet adds walk-ins only, and so on).
    check_from_kiosk: Callable[[object], None] | None = None

    @property
    def version(self) -> int:
        return getattr(self.cls, "class_version", 1)

    @property
    def min_reader(self) -> int | None:
        return getattr(self.cls, "min_reader_version", None)


class EventRegistry:
    def __init__(self) -> None:
        self._by_name: dict[str, EventType] = {}
        self._names: dict[type, str] = {}
        self._handlers: dict[str, list[str]] = {}

    def event(
        self,
        name: str,
        *,
        writers: frozenset[str],
        check: Callable[[object], None] | None = None,
        check_from_kiosk: Callable[[object], None] | None = None,
    ):
        """Class decorator: register an event class under its wire ``name``."""

        def register(cls: type) -> type:
            self.add(EventType(name, cls, frozenset(writers), check, check_from_kiosk))
            return cls

        return register

    def add(self, spec: EventType) -> None:
        if spec.name in self._by_name and self._by_name[spec.name].cls is not spec.cls:
            raise ValueError(f"event type {spec.name} is registered twice")
        self._by_name[spec.name] = spec
        self._names[spec.cls] = spec.name
        register_topic(LEGACY_TOPIC.format(name=spec.name), spec.cls)

    def get(self, name: object) -> EventType | None:
        return self._by_name.get(name) if isinstance(name, str) else None

    def name_of(self, cls: type) -> str | None:
        """The wire name of an event class (the fold asks this for every event: a dict)."""
        return self._names.get(cls)

    def names(self) -> list[str]:
        return list(self._by_name)

    def written_by(self, role: str) -> frozenset[str]:
        return frozenset(n for n, spec in self._by_name.items() if role in spec.writers)

    def note_handler(self, name: str, projection: str) -> None:
        self._handlers.setdefault(name, []).append(projection)

    def handlers(self, name: str) -> list[str]:
        """The projections that fold events of this type (for the docs and the checks)."""
        return list(self._handlers.get(name, ()))


REGISTRY = EventRegistry()
