"""What travels between a kiosk and the hub, and how a receiver checks it.

Push (kiosk → hub): ``{"device": id, "events": [wire event, ...]}``. The hub stores new events
under their original identity ``(origin, seq)``, skips ones it already has, refuses gaps, and
answers ``{"acked": n}``: the highest sequence of that device it holds, so the kiosk knows what
to send next. A batch is stored whole or not at all.

Pull (hub → kiosk): ``{"events": [wire event + "position"], "head": n}`` after a position in the
hub's log.

A wire event is ``{"origin", "seq", "type", "state"}`` where ``state`` is the event's state as
eventsourcing's transcoder wrote it (JSON). Only the event types in
:data:`shared.domain.journal.EVENT_TYPES` are accepted; a type name is never used to import code,
and a kiosk may push only the types a tablet writes (:data:`KIOSK_EVENT_TYPES`).

Schema evolution: an event class may carry ``class_version`` N > 1 (written into ``state``) and
``upcast_vK_vK+1`` methods, so older events are brought up to date on arrival. A newer event
than this node knows is refused (``schema_too_new``) unless its sender marked it readable by
older nodes: ``"min_reader": K`` on the wire says that a node knowing version K or later may read
it by keeping the fields it knows and carrying the rest along (added optional fields, a minor
change). The hub marks every event it serves this way from ``min_reader_version`` on the class.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping

from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import get_topic

from shared.domain import validation
from shared.domain.journal import EVENT_TYPES, ROLE_KIOSK, Journal

MAX_BATCH = 500
MAX_BODY_BYTES = 2 * 1024 * 1024

KIOSK_EVENT_TYPES = frozenset(
    {"Opened", "ParticipantRegistered", "DealRegistered", "DealCorrected", "DealVoided"}
)
"""What a tablet writes. Everything else (settings, rulings, the stage) only the hub writes, and
a push carrying it is refused as ``forbidden_event_type``."""

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
    type_name = _TOPIC_NAMES[item.topic]
    wire = {
        "origin": str(item.originator_id),
        "seq": item.originator_version,
        "type": type_name,
        "state": json.loads(item.state),
    }
    min_reader = getattr(EVENT_TYPES[type_name], "min_reader_version", None)
    if min_reader is not None:
        wire["min_reader"] = min_reader
    if position is not None:
        wire["position"] = position
    return wire


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
    if allowed is not None and type_name not in allowed:
        raise ProtocolError(
            "forbidden_event_type", f"{type_name} is written by the hub only", status=403
        )
    if not isinstance(state, dict):
        raise ProtocolError("malformed_event", "state must be an object")
    state = dict(state)
    theirs, ours = state.get("class_version", 1), getattr(cls, "class_version", 1)
    if not isinstance(theirs, int) or isinstance(theirs, bool) or theirs < 1:
        raise ProtocolError("malformed_event", "class_version must be a positive integer")
    if theirs > ours:
        min_reader = item.get("min_reader", theirs)
        if not isinstance(min_reader, int) or isinstance(min_reader, bool) or min_reader > ours:
            raise ProtocolError(
                "schema_too_new", f"{type_name} version {theirs}; this node reads up to {ours}"
            )
        state["class_version"] = ours  # a minor step ahead: read as ours, carry the rest
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
    if allowed is not None:
        _check_pushed(type_name, event)
    return event, mapper.to_stored_event(event)


def _check_pushed(type_name: str, ev) -> None:
    """What only makes sense from a tablet: it opens as a kiosk and adds walk-ins only."""
    if type_name == "Opened":
        _require(ev.role == ROLE_KIOSK, "a pushed journal must be a kiosk's")
    elif type_name == "ParticipantRegistered":
        _require(ev.walk_in is True, "a tablet registers walk-ins only")
        _require(ev.contact_sealed == "", "a tablet holds no contact details")


def _require(condition: bool, detail: str) -> None:
    if not condition:
        raise ProtocolError("invalid_event", detail)


def _is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def _ids(values: object) -> bool:
    return isinstance(values, list) and len(values) <= 50 and all(_is_uuid(v) for v in values)


def _refs(values: object) -> bool:
    return (
        isinstance(values, list)
        and 1 <= len(values) <= 50
        and all(isinstance(v, str) and len(v) <= 80 for v in values)
    )


def _check_content(type_name: str, ev) -> None:
    """The same rules a form applies, applied again to what arrives over the wire."""
    try:
        if type_name == "Opened":
            _require(ev.originator_topic == _JOURNAL_TOPIC, "foreign aggregate topic")
            _require(ev.originator_version == 1, "a journal opens at sequence 1")
            _require(isinstance(ev.role, str) and isinstance(ev.name, str), "role and name")
            _require(len(ev.name) <= validation.MAX_NAME, "name too long")
            _require(isinstance(ev.software, str) and len(ev.software) <= 40, "software")
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
        elif type_name == "DealConflictResolved":
            _require(_is_uuid(ev.deal_id), "deal_id")
            _require(_refs(ev.supersedes), "supersedes")
            _require(isinstance(ev.voided, bool), "voided")
            _require(isinstance(ev.reason, str) and len(ev.reason) <= 300, "reason")
            validation.validate_deal(
                {k: getattr(ev, k) for k in ("parties", "category", "kind", "deadline", "broker")},
                lambda _pid: True,
            )
        elif type_name == "DuplicateDealsResolved":
            _require(_ids(ev.deal_ids) and len(ev.deal_ids) >= 2, "deal_ids")
            _require(_ids(ev.keep) and set(ev.keep) <= set(ev.deal_ids), "keep")
        elif type_name == "WalkInsResolved":
            _require(_ids(ev.participant_ids) and len(ev.participant_ids) >= 2, "participant_ids")
            _require(ev.keep == "" or ev.keep in ev.participant_ids, "keep")
    except validation.ValidationFailed as failed:
        raise ProtocolError("invalid_event", str(failed)) from None
    except (AttributeError, TypeError) as error:
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
