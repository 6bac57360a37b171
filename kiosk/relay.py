"""What a tablet does for a restored hub (a spare, hub.recovery): it hands on every event of
the other devices it mirrored, signatures and all, so the hub gets back what died with its
folder; and it mirrors the restored log from its start, keeping what it holds already.

A hub names its log in each pull answer (``log``); a name this tablet has not mirrored yet,
while its mirror holds another log, is a restored hub: relay first, then pull. The relay is
all-or-none per batch at the hub and repeats nothing there (duplicates are counted, not
stored), so a tablet stopped half-way simply relays again.
"""

from __future__ import annotations

import uuid

from shared.core.store import MirrorStore
from shared.sync.protocol import MAX_BATCH, to_wire


def not_held(mirror: MirrorStore, stored: list) -> list:
    """The events of a page the mirror does not hold yet (each device's held in sequence)."""
    held: dict[uuid.UUID, int] = {}
    fresh = []
    for event in stored:
        origin = event.originator_id
        if origin not in held:
            last = mirror.recorder.select_events(origin, desc=True, limit=1)
            held[origin] = last[0].originator_version if last else 0
        if event.originator_version > held[origin]:
            fresh.append(event)
            held[origin] = event.originator_version
    return fresh


def others_events(mirror: MirrorStore, me: uuid.UUID, after: int) -> tuple[list[dict], int]:
    """Up to a batch of other devices' events from the mirror after notification ``after``,
    as they travel, and the last notification read."""
    wires: list[dict] = []
    while len(wires) < MAX_BATCH:
        chunk = mirror.read(after, MAX_BATCH - len(wires))
        if not chunk:
            break
        after = chunk[-1].id
        wires += [to_wire(n) for n in chunk if n.originator_id != me]
    return wires, after


def relay_mirror(kiosk, client, url: str) -> dict:
    """Relay the whole mirror's other devices' events to the hub at ``url``; the totals.

    The hub takes a batch all or none. A batch it refuses is sent again one device at a time,
    so that one device it cannot vouch for (paired after its last backup: it knows no key of
    it) costs only that device's events, which are then left out of the later batches."""
    totals = {"accepted": 0, "duplicates": 0, "refused_devices": 0}
    refused: set[str] = set()
    after = 0
    while True:
        wires, after = others_events(kiosk.mirror, kiosk.device_id, after)
        if not wires:
            totals["refused_devices"] = len(refused)
            return totals
        wires = [w for w in wires if w["origin"] not in refused]
        for answer in _relayed(client, url, wires, refused):
            totals["accepted"] += int(answer.get("accepted", 0))
            totals["duplicates"] += int(answer.get("duplicates", 0))


def _relayed(client, url: str, wires: list[dict], refused: set[str]) -> list[dict]:
    from kiosk.hub_client import HubRefused

    if not wires:
        return []
    try:
        return [client.relay(url, wires)]
    except HubRefused:
        pass
    answers = []
    for origin in dict.fromkeys(w["origin"] for w in wires):
        try:
            answers.append(client.relay(url, [w for w in wires if w["origin"] == origin]))
        except HubRefused:
            refused.add(origin)
    return answers
