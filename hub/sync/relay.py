"""Events a tablet carries for other devices (``POST /api/sync/relay``): how a spare hub gets
back what only the tablets still hold, without trusting the tablet that carries it.

Each relayed event must carry its author's signature (or the hub's) by a key this hub knows
(:mod:`shared.core.signing`): a tablet can hand on what it pulled, unchanged, and nothing else.
A changed byte, an unknown signer or a missing signature refuses the whole batch (all or none,
promise 5). What is stored keeps its origin and sequence; each device's events are taken in
sequence from what the hub holds, once (promise 2), and a resent one must be the one held.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from eventsourcing.persistence import IntegrityError

from hub.service import Hub
from shared.sync.protocol import KIOSK_EVENT_TYPES, MAX_BATCH, ProtocolError, from_wire


def _decoded(hub: Hub, items: object) -> dict[str, list]:
    if not isinstance(items, list) or len(items) > MAX_BATCH:
        raise ProtocolError("malformed_push", f"events must be a list of at most {MAX_BATCH}")
    me = str(hub.device_id)
    by_origin: dict[str, list] = {}
    for item in items:
        if not isinstance(item, Mapping):
            raise ProtocolError("malformed_event", "an event must be an object")
        allowed = None if item.get("origin") == me else KIOSK_EVENT_TYPES
        event, stored = from_wire(item, hub.store.mapper, allowed)
        hub.keys.check(item, me, required=True)  # no channel vouches for another's event
        by_origin.setdefault(str(event.originator_id), []).append((event, stored))
    return by_origin


def ingest_relayed(hub: Hub, items: object) -> dict:
    """Store what is new of other devices' events; returns how many were new and known."""
    by_origin = _decoded(hub, items)
    accepted = duplicates = 0
    with hub.store.write_lock:
        batch = []
        for origin, pairs in by_origin.items():
            device = uuid.UUID(origin)
            held = hub._held(device)
            repeated = [p for p in pairs if p[0].originator_version <= held]
            if repeated:
                hub._check_same_as_held(device, repeated)
            fresh = sorted(
                (p for p in pairs if p[0].originator_version > held),
                key=lambda p: p[0].originator_version,
            )
            taken = [p for n, p in enumerate(fresh) if p[0].originator_version == held + 1 + n]
            batch += [stored for _, stored in taken]
            duplicates += len(repeated)
            accepted += len(taken)
        try:
            hub.store.insert(batch)
        except IntegrityError:
            raise ProtocolError("sequence_conflict", "already stored", 409) from None
        for origin in by_origin:
            hub._held(uuid.UUID(origin))
    hub.catch_up()
    return {"accepted": accepted, "duplicates": duplicates}
