"""Events carry their author's Ed25519 signature (issue 17 item 2): checked where they arrive,
so a tablet can carry another device's events and a changed byte is refused.

In process: a tablet's push, the hub's pull pages, another tablet's mirror, and a relay to a
spare hub that knows the devices' keys (from the first hub's data folder, as a backup has it).
With real processes: two paired tablets and a hub; one tablet hands on the other's deal over
the sealed channel, unchanged (a duplicate, taken) and with one byte changed (refused).
"""

from __future__ import annotations

import copy
import json
import shutil
import sqlite3
import uuid
from pathlib import Path

import nacl.signing
import pytest
import requests

from hub.service import Hub
from hub.sync.relay import ingest_relayed
from kiosk.hub_client import HubClient, HubRefused
from kiosk.service import Kiosk
from shared.core import signing
from shared.core.device import load_or_create_device_id
from shared.sync.protocol import ProtocolError, to_wire
from tests.support.auth import login_session
from tests.support.processes import wait_until
from tests.support.sync import deal, pull, push


def tampered(wire: dict) -> dict:
    """The same event with one byte of its state changed (``Lokale`` becomes ``Lokalf``)."""
    changed = copy.deepcopy(wire)
    text = json.dumps(changed["state"]).replace("Lokale", "Lokalf", 1)
    assert text != json.dumps(changed["state"])
    changed["state"] = json.loads(text)
    return changed


def deal_events(wires: list[dict]) -> list[dict]:
    return [w for w in wires if w["type"] == "DealRegistered"]


@pytest.fixture
def two_tablets(sagene_hub: Hub, tmp_path: Path):
    first, second = Kiosk(tmp_path / "a"), Kiosk(tmp_path / "b")
    pull(first, sagene_hub)
    ids = [p.id for p in sagene_hub.evening.participants.values()]
    first.register_deal(deal(ids[0], ids[1]))
    push(first, sagene_hub)
    yield sagene_hub, first, second
    first.close()
    second.close()


def test_a_tablets_events_reach_another_tablet_with_their_authors_signature(two_tablets):
    hub, first, second = two_tablets
    pull(second, hub)
    held = [json.loads(e.state) for e in second.mirror.recorder.select_events(first.device_id)]
    assert held and all(s[signing.STORED]["by"] == str(first.device_id) for s in held)
    # the hub's own events come signed by the hub
    page = hub.pull(0)
    assert {w["sig"]["by"] for w in page["events"] if w["origin"] == str(hub.device_id)} == {
        str(hub.device_id)
    }


def test_a_page_with_one_byte_changed_is_refused_by_the_tablet(two_tablets):
    hub, _, second = two_tablets
    answer = hub.pull(0)
    second.signer.learn(answer)
    events = answer["events"]
    at = events.index(deal_events(events)[0])
    with pytest.raises(ProtocolError) as refused:
        second.absorb([*events[:at], tampered(events[at]), *events[at + 1 :]])
    assert refused.value.code == "bad_signature"
    assert second.mirror.position() == 0  # the whole page refused


def test_a_tablet_that_signs_cannot_send_unsigned_or_with_another_key(two_tablets):
    hub, first, _ = two_tablets
    ids = [p.id for p in hub.evening.participants.values()]
    first.register_deal(deal(ids[0], ids[1], category="equipment"))
    unsigned = [{k: v for k, v in w.items() if k != "sig"} for w in first.outbox(10)]
    with pytest.raises(signing.SignatureRefused) as refused:
        hub.ingest({"device": str(first.device_id), "events": unsigned})
    assert refused.value.code == "unsigned_event"
    other = signing.public_text(nacl.signing.SigningKey.generate())
    with pytest.raises(signing.SignatureRefused) as changed:
        hub.ingest({"device": str(first.device_id), "events": first.outbox(10), "key": other})
    assert changed.value.code == "key_changed"
    assert hub.ingest({"device": str(first.device_id), "events": first.outbox(10)})["accepted"] == 1


def test_a_spare_hub_takes_relayed_events_only_as_their_authors_signed_them(two_tablets, tmp_path):
    hub, first, second = two_tablets
    pull(second, hub)
    carried = [to_wire(n) for n in second.mirror.recorder.select_events(first.device_id)]
    spare_dir = tmp_path / "spare"
    spare_dir.mkdir()
    for name in ("device-id", signing.KEY_FILE, signing.BOOK_FILE):  # what the backup holds
        shutil.copy(hub.data_dir / name, spare_dir / name)
    spare = Hub(spare_dir)
    try:
        for bad in (tampered(deal_events(carried)[0]), {**carried[0], "sig": None}):
            batch = [bad if w["seq"] == bad["seq"] else w for w in carried]
            with pytest.raises(signing.SignatureRefused):
                ingest_relayed(spare, batch)
            assert spare.evening.deals.counted == 0
        assert ingest_relayed(spare, carried) == {"accepted": len(carried), "duplicates": 0}
        assert spare.evening.deals.counted == 1
        assert ingest_relayed(spare, carried) == {"accepted": 0, "duplicates": len(carried)}
    finally:
        spare.close()


def test_with_real_processes_a_relayed_event_with_one_byte_changed_is_refused(
    programs, tmp_path: Path
):
    hub_dir = tmp_path / "hub"
    seeded = Hub(hub_dir)
    ids = [
        p
        for p in (
            seeded.register_participant({"name": n, "sector": s})
            for n, s in (("Sagene IF", "voluntary"), ("Bydel Sagene", "public"))
        )
    ]
    seeded.close()
    hub = programs.hub(hub_dir)
    first = programs.kiosk(tmp_path / "a", hub.url)
    second = programs.kiosk(tmp_path / "b", hub.url)
    wait_until(
        lambda: requests.get(
            f"{first.url}/api/participants", params={"q": "Sagene"}, timeout=5
        ).json()["participants"]
    )
    answer = requests.post(f"{first.url}/api/deals", json=deal(*ids), timeout=5)
    assert answer.status_code == 201
    first_id = load_or_create_device_id(tmp_path / "a").hex  # as SQLite keeps it

    def carried() -> list[dict]:
        with sqlite3.connect(tmp_path / "b" / "mirror.sqlite") as mirror:
            rows = mirror.execute(
                "SELECT originator_id, originator_version, topic, state FROM stored_events"
                " WHERE originator_id = ? ORDER BY originator_version",
                (first_id,),
            ).fetchall()
        return [to_wire(_Stored(*row)) for row in rows]

    events = wait_until(lambda: deal_events(carried()) and carried(), timeout=20)
    second.stop()  # its sync worker and this client would share its request counter
    client = HubClient(str(load_or_create_device_id(tmp_path / "b")), tmp_path / "b")
    try:
        assert client.relay(hub.url, events)["duplicates"] == len(events)
        with pytest.raises(HubRefused) as refused:
            client.relay(hub.url, [tampered(deal_events(events)[0])])
        assert refused.value.code == "bad_signature" and refused.value.status == 422
    finally:
        client.close()
    organiser = login_session(hub.url)
    deals = organiser.get(f"{hub.url}/api/deals", timeout=5).json()["deals"]
    assert [p["gives"] for p in deals[0]["parties"]] == ["Lokale", "Kurs"]


class _Stored:
    def __init__(self, originator_id, originator_version, topic, state):
        self.originator_id = uuid.UUID(originator_id)
        self.originator_version = originator_version
        self.topic, self.state = topic, state
