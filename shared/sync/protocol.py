"""What travels between a kiosk and the hub, and how a receiver checks it.

Push (kiosk → hub): ``{"device": id, "events": [wire event, ...]}``. The hub stores new events
under their original identity ``(origin, seq)``, skips ones it already has, refuses gaps, and
answers ``{"acked": n}``: the highest sequence of that device it holds, so the kiosk knows what
to send next. A batch is stored whole or not at all.

Pull (hub → kiosk): ``{"events": [wire event + "position"], "head": n}`` after a position in the
hub's log.

A wire event is ``{"origin", "seq", "type", "state"}`` where ``state`` is the event's state as
eventsourcing's transcoder wrote it (JSON). Only the event types in the event registry
(:mod:`shared.core.registry`) are accepted; a type name is never used to import code, and a
kiosk may push only the types a tablet writes (:data:`KIOSK_EVENT_TYPES`, from the registry).

Schema evolution: an event class may carry ``class_version`` N > 1 (written into ``state``) and
``upcast_vK_vK+1`` methods, so older events are brought up to date on arrival. A newer event
than this node knows is refused (``schema_too_new``) unless its sender marked it readable by
older nodes: ``"min_reader": K`` on the wire says that a node knowing version K or later may read
it by keeping the fields it knows and carrying the rest along (added optional fields, a minor
change). The hub marks every event it serves this way from ``min_reader_version`` on the class.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Mapping

from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import get_topic, resolve_topic

from shared.core import signing
from shared.core.device import ROLE_KIOSK
from shared.core.errors import CodedError
from shared.core.registry import REGISTRY
from shared.journal import Journal  # noqa: F401 - every room's events registered

MAX_BATCH = 500
MAX_BODY_BYTES = 2 * 1024 * 1024

KIOSK_EVENT_TYPES = REGISTRY.written_by(ROLE_KIOSK)
"""What a tablet writes. Everything else (settings, rulings, the stage) only the hub writes, and
a push carrying it is refused as ``forbidden_event_type``."""


class ProtocolError(CodedError):
    """A sync message that must be refused as a whole, with a stable code."""

    status = 422


@functools.lru_cache(maxsize=256)
def _name_of_topic(topic: str) -> str:
    """The wire name of a stored event's topic (today's, or one a release 0.2 log holds)."""
    name = REGISTRY.name_of(resolve_topic(topic))
    if name is None:
        raise ProtocolError("unknown_event_type", f"no event type is stored as {topic}")
    return name


def to_wire(item, position: int | None = None) -> dict:
    """A stored event or notification as it travels."""
    type_name = _name_of_topic(item.topic)
    state = json.loads(item.state)
    signature = state.pop(signing.STORED, None)  # the author's, kept as it arrived
    wire = {
        "origin": str(item.originator_id),
        "seq": item.originator_version,
        "type": type_name,
        "state": state,
    }
    if signature is not None:
        wire["sig"] = signature
    min_reader = REGISTRY.get(type_name).min_reader
    if min_reader is not None:
        wire["min_reader"] = min_reader
    if position is not None:
        wire["position"] = position
    return wire


def _positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _fields(item: Mapping) -> tuple[uuid.UUID, int, object, object]:
    try:
        origin = uuid.UUID(str(item["origin"]))
        seq = item["seq"]
        type_name = item["type"]
        state = item["state"]
    except (KeyError, ValueError, TypeError) as error:
        raise ProtocolError("malformed_event", f"missing or bad field: {error}") from None
    if not _positive_int(seq):
        raise ProtocolError("malformed_event", "seq must be a positive integer")
    return origin, seq, type_name, state


def _readable_state(item: Mapping, spec, state: dict) -> dict:
    """The state as this node reads it, or a refusal when it is from a newer, unreadable schema."""
    theirs, ours = state.get("class_version", 1), spec.version
    if not _positive_int(theirs):
        raise ProtocolError("malformed_event", "class_version must be a positive integer")
    if theirs > ours:
        min_reader = item.get("min_reader", theirs)
        if not _positive_int(min_reader) or min_reader > ours:
            raise ProtocolError(
                "schema_too_new", f"{spec.name} version {theirs}; this node reads up to {ours}"
            )
        state["class_version"] = ours  # a minor step ahead: read as ours, carry the rest
    return state


def from_wire(
    item: object, mapper, allowed: frozenset[str] | None = None
) -> tuple[object, StoredEvent]:
    """Check one wire event fully; return it as a domain event and as a storable event.

    Older schema versions are upcast by eventsourcing's ``upcast_vN_vM`` methods on the event
    class, so a kiosk one version behind still syncs; a newer one is refused, not guessed at,
    unless marked readable by this version (see the module's notes). ``allowed`` limits the
    event types accepted (a kiosk's push: :data:`KIOSK_EVENT_TYPES`).
    """
    if not isinstance(item, Mapping):
        raise ProtocolError("malformed_event", "an event must be an object")
    origin, seq, type_name, state = _fields(item)
    spec = REGISTRY.get(type_name)
    if spec is None:
        raise ProtocolError("unknown_event_type", f"unknown event type {type_name!r}")
    if allowed is not None and type_name not in allowed:
        raise ProtocolError(
            "forbidden_event_type", f"{type_name} is written by the hub only", status=403
        )
    if not isinstance(state, dict):
        raise ProtocolError("malformed_event", "state must be an object")
    state = {k: v for k, v in state.items() if k != signing.STORED}
    if isinstance(item.get("sig"), Mapping):  # checked by the receiver (KeyBook.check)
        state[signing.STORED] = dict(item["sig"])
    stored = StoredEvent(
        originator_id=origin,
        originator_version=seq,
        topic=get_topic(spec.cls),
        state=json.dumps(_readable_state(item, spec, dict(state))).encode(),
    )
    try:
        event = mapper.to_domain_event(stored)
    except Exception as error:
        raise ProtocolError("malformed_event", f"{type_name}: {error}") from None
    _check_content(spec, event, pushed=allowed is not None)
    return event, mapper.to_stored_event(event)


def _check_content(spec, event, pushed: bool) -> None:
    """The same rules a form applies, applied again to what arrives over the wire."""
    checks = [spec.check, spec.check_from_kiosk if pushed else None]
    try:
        for check in checks:
            if check is not None:
                check(event)
    except (ValueError, AttributeError, TypeError) as error:  # ValidationFailed is a ValueError
        raise ProtocolError("invalid_event", str(error)) from None


def parse_push(body: object) -> tuple[uuid.UUID, list]:
    """The envelope of a push; the events inside are checked by :func:`from_wire`."""
    if not isinstance(body, Mapping):
        raise ProtocolError("malformed_batch", "the body must be a JSON object", status=400)
    try:
        device = uuid.UUID(str(body.get("device")))
    except ValueError:
        raise ProtocolError("malformed_batch", "device must be an id", status=400) from None
    events = body.get("events")
    if not isinstance(events, list):
        raise ProtocolError("malformed_batch", "events must be a list", status=400)
    if len(events) > MAX_BATCH:
        raise ProtocolError("batch_too_large", f"at most {MAX_BATCH} events", status=413)
    return device, events
