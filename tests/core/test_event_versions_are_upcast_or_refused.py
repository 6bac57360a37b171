"""Evolution: events carry a schema version, old ones are upcast, newer minor ones still read.

``Opened`` is at version 2 (it names the software a device runs); a tablet not yet updated
still writes version 1, with no ``class_version`` in its state and no ``software``. The hub
takes those as they are and upcasts them (eventsourcing's ``upcast_v1_v2``), so a kiosk one
minor version behind keeps syncing. In the other direction a node reads an event one version
ahead of it when the writer marked it readable (``min_reader``), and refuses it otherwise.
"""

from __future__ import annotations

import copy
import json

import pytest
from eventsourcing.application import Application

import hub as hub_app
from kiosk.service import Kiosk
from shared.core.journal import Opened
from shared.journal import Journal
from shared.sync.protocol import ProtocolError, from_wire, to_wire
from tests.support.pairing import SealedSync
from tests.support.sync import deal, pull


@pytest.fixture
def hub(sagene_hub):
    """Sagene IF and Bydel Sagene signed up: the two parties of every deal here (conftest.py)."""
    return sagene_hub


def as_written_by_the_previous_version(wire_events: list[dict]) -> list[dict]:
    """What the same tablet would have sent before Opened v2: no class_version, no software."""
    old = copy.deepcopy(wire_events)
    for event in old:
        if event["type"] == "Opened":
            event["state"].pop("class_version", None)
            event["state"].pop("software", None)
        event.pop("min_reader", None)
    return old


def test_the_current_opened_event_carries_its_version():
    assert Opened.class_version == 2
    mapper = Application(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper
    journal = Journal(device_id="6b0f7a8e-9b8c-4c55-9a53-0d8f3c1b2a10", role="kiosk", name="K")
    state = json.loads(mapper.to_stored_event(journal.collect_events()[0]).state)
    assert (state["class_version"], state["software"]) == (2, "0.2")


def test_a_kiosk_one_version_behind_still_syncs_with_a_newer_hub(hub, tmp_path):
    kiosk = Kiosk(tmp_path / "old-kiosk")
    pull(kiosk, hub)
    a, b = sorted(kiosk.evening.participants)
    registered = kiosk.register_deal(deal(a, b))
    kiosk.void_deal(registered.id, {"reason": "test"})
    old_batch = as_written_by_the_previous_version(
        [to_wire(e) for e in kiosk.store.recorder.select_events(kiosk.device_id)]
    )
    assert "class_version" not in old_batch[0]["state"]

    client = SealedSync(hub_app.create_app(hub).test_client(), hub, str(kiosk.device_id))
    answer = client.post("/api/sync/push", {"device": str(kiosk.device_id), "events": old_batch})

    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["acked"] == 3
    assert hub.evening.devices.known[str(kiosk.device_id)]["software"] == ""  # upcast, not guessed
    assert hub.evening.deals[registered.id].voided
    # The hub's log holds the event at the current version (upcast once, on the way in)...
    pulled = client.get("/api/sync/pull?after=0").get_json()["events"]
    opened = next(e for e in pulled if e["origin"] == str(kiosk.device_id))
    assert opened["state"]["class_version"] == 2
    # ...and marks it readable by nodes that know version 1 only.
    assert opened["min_reader"] == 1
    kiosk.close()


def _newer_opened(min_reader: int | None) -> dict:
    journal = Journal(device_id="0c9e4d8a-1f2b-4a3c-8d5e-6f708192a3b4", role="kiosk", name="K")
    mapper = Application(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper
    wire = to_wire(mapper.to_stored_event(journal.collect_events()[0]))
    wire["state"] |= {"class_version": 3, "battery": 87}  # a field this node has never heard of
    if min_reader is None:
        wire.pop("min_reader", None)
    else:
        wire["min_reader"] = min_reader
    return wire


def test_an_event_one_minor_version_ahead_is_read_and_its_new_field_carried_along():
    mapper = Application(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper
    event, stored = from_wire(_newer_opened(min_reader=2), mapper)
    assert (event.software, event.battery) == ("0.2", 87)
    assert json.loads(stored.state)["battery"] == 87


@pytest.mark.parametrize("min_reader", [None, 3])
def test_an_event_ahead_by_a_breaking_change_is_refused_not_guessed(min_reader):
    mapper = Application(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper
    with pytest.raises(ProtocolError) as refused:
        from_wire(_newer_opened(min_reader), mapper)
    assert refused.value.code == "schema_too_new"


def test_a_kiosk_pulling_a_breaking_change_shows_refused_and_keeps_its_mirror(hub, tmp_path):
    """An old tablet that cannot read the hub's log says so; its copy stays as it was."""
    kiosk = Kiosk(tmp_path / "kiosk")
    pull(kiosk, hub)
    position = kiosk.mirror.position()
    page = [{**_newer_opened(min_reader=3), "position": position + 1}]
    with pytest.raises(ProtocolError) as refused:
        kiosk.absorb(page)
    assert refused.value.code == "schema_too_new"
    assert kiosk.mirror.position() == position
    kiosk.close()
