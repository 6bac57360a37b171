"""In-process sync between a :class:`kiosk.service.Kiosk` and a :class:`hub.service.Hub`.

The same steps the kiosk's sync worker takes over HTTP (push the outbox, pull the hub's log),
minus the transport, so a test can play several offline tablets in one process.
"""

from __future__ import annotations

from hub.service import Hub
from kiosk.service import Kiosk
from shared.sync.protocol import MAX_BATCH


def push(kiosk: Kiosk, hub: Hub) -> dict:
    answer = {"acked": kiosk.status.acked}
    while batch := kiosk.outbox(MAX_BATCH):
        body = {"device": str(kiosk.device_id), "events": batch, "key": kiosk.signer.public}
        answer = hub.ingest(body)
        kiosk.acknowledge(answer["acked"])
    return answer


def pull(kiosk: Kiosk, hub: Hub) -> None:
    while True:
        answer = hub.pull(kiosk.mirror.position())
        kiosk.signer.learn(answer)  # as the sync worker does: every page checked
        if not kiosk.absorb(answer["events"]):
            return


def sync(kiosk: Kiosk, hub: Hub) -> None:
    push(kiosk, hub)
    pull(kiosk, hub)


def deal(a: str, b: str, category: str = "premises", broker: str = "Kari", **extra) -> dict:
    return {
        "parties": [
            {"participant_id": a, "gives": "Lokale"},
            {"participant_id": b, "gives": "Kurs"},
        ],
        "category": category,
        "kind": "mutual",
        "deadline": "2027-03-01",
        "broker": broker,
        **extra,
    }
