"""What travels between a kiosk and the hub, and how a receiver checks it.

Push (kiosk → hub): ``{"device": id, "events": [wire event, ...]}``. The hub stores new events
under their original identity ``(origin, seq)``, skips ones it already has, refuses gaps, and
answers ``{"acked": n}``: the highest sequence of that device it holds, so the kiosk knows what
to send next. A batch is stored whole or not at all.

Pull (hub → kiosk): ``{"events": [wire event + "position"], "head": n}`` after a position in the
hub's log.

A wire event is ``{"origin", "seq", "type", "state"}`` where ``state`` is the event's state as
eventsourcing's transcoder wrote it (JSON). Only the event types in
:data:`shared.domain.journal.EVENT_TYPES` are accepted; a type name is never used to import code.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping

from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import get_topic

from shared.domain import validation
from shared.domain.journal import EVENT_TYPES, Journal

MAX_BATCH = 500
MAX_BODY_BYTES = 2 * 1024 * 1024

_TOPIC_NAMES = {get_topic(cls): name for name, cls in EVENT_TYPES.items()}
_JOURNAL_TOPIC = get_topic(Journal)


class ProtocolError(ValueError):
    """A sync message that must be refused as a whole, with a stable code."""

    def __init__(self, code: str, detail: str = "", status: int = 422, **extra):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.status = status
        self.extra = extra


def to_wire(item, position: int | None = None) -> dict:
    """A stored event or notification as it travels."""
    wire = {
        "origin": str(item.originator_id),
        "seq": item.originator_version,
        "type": _TOPIC_NAMES[item.topic],
        "state": json.loads(item.state),
    }
    if position is not None:
        wire["position"] = position
    return wire


def from_wire(item: object, mapper) -> tuple[object, StoredEvent]:
    """Check one wire event fully; return it as a domain event and as a storable event.

    Older schema versions are upcast by eventsourcing's ``upcast_vN_vM`` methods on the event
    class, so a kiosk one version behind still syncs; a newer one is refused, not guessed at.
    """
    if not isinstance(item, Mapping):
        raise ProtocolError("malformed_event", "an event must be an object")
    try:
        origin = uuid.UUID(str(item["origin"]))
        seq = item["seq"]
        type_name = item["type"]
        state = item["state"]
    except (KeyError, ValueError, TypeError) as error:
        raise ProtocolError("malformed_event", f"missing or bad field: {error}") from None
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise ProtocolError("malformed_event", "seq must be a positive integer")
    cls = EVENT_TYPES.get(type_name) if isinstance(type_name, str) else None
    if cls is None:
        raise ProtocolError("unknown_event_type", f"unknown event type {type_name!r}")
    if not isinstance(state, dict):
        raise ProtocolError("malformed_event", "state must be an object")
    if state.get("class_version", 1) > getattr(cls, "class_version", 1):
        raise ProtocolError("schema_too_new", f"{type_name} version {state['class_version']}")
    stored = StoredEvent(
        originator_id=origin,
        originator_version=seq,
        topic=get_topic(cls),
        state=json.dumps(state).encode(),
    )
    try:
        event = mapper.to_domain_event(stored)
    except Exception as error:
        raise ProtocolError("malformed_event", f"{type_name}: {error}") from None
    _check_content(type_name, event)
    return event, mapper.to_stored_event(event)


def _require(condition: bool, detail: str) -> None:
    if not condition:
        raise ProtocolError("invalid_event", detail)


def _is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def _check_content(type_name: str, ev) -> None:
    """The same rules a form applies, applied again to what arrives over the wire."""
    try:
        if type_name == "Opened":
            _require(ev.originator_topic == _JOURNAL_TOPIC, "foreign aggregate topic")
            _require(ev.originator_version == 1, "a journal opens at sequence 1")
            _require(isinstance(ev.role, str) and isinstance(ev.name, str), "role and name")
            _require(len(ev.name) <= validation.MAX_NAME, "name too long")
        elif type_name == "EveningScheduled":
            validation.validate_event_settings(
                {k: getattr(ev, k) for k in ("name", "venue", "date", "opens_at", "closes_at")}
                | {"target": ev.target}
            )
        elif type_name == "ParticipantRegistered":
            _require(_is_uuid(ev.participant_id), "participant_id")
            validation.validate_participant(
                {
                    "name": ev.name,
                    "sector": ev.sector,
                    "needs": ev.needs,
                    "offers": ev.offers,
                    "consent_public": ev.consent_public,
                }
            )
            _require(isinstance(ev.contact_sealed, str), "contact_sealed")
            _require(len(ev.contact_sealed) <= 4096, "contact_sealed too long")
            _require(isinstance(ev.walk_in, bool), "walk_in")
        elif type_name in ("DealRegistered", "DealCorrected"):
            _require(_is_uuid(ev.deal_id), "deal_id")
            if type_name == "DealRegistered":
                _require(isinstance(ev.number, int) and ev.number >= 1, "number")
            else:
                _require(isinstance(ev.base, str) and len(ev.base) <= 80, "base")
            clean = validation.validate_deal(
                {
                    "parties": ev.parties,
                    "category": ev.category,
                    "kind": ev.kind,
                    "deadline": ev.deadline,
                    "broker": ev.broker,
                },
                lambda _pid: True,  # the participant may arrive in a later batch
            )
            _require(
                all("participant_id" in p for p in clean["parties"]), "walk-ins must be settled"
            )
        elif type_name == "DealVoided":
            _require(_is_uuid(ev.deal_id), "deal_id")
            _require(isinstance(ev.base, str) and len(ev.base) <= 80, "base")
            validation.validate_void({"reason": ev.reason})
    except validation.ValidationFailed as failed:
        raise ProtocolError("invalid_event", str(failed)) from None
    except AttributeError as error:
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
