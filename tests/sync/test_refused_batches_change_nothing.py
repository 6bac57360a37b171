"""Promise 5 on sync, the cases a broken or hostile tablet would bring (beyond the envelope).

Each refusal has a stable code, stores nothing and leaves the counts alone. The tablet that
sent it shows the refusal instead of hammering the hub with the same poisoned batch, and keeps
its queue (tests/test_api_bad_input.py covers malformed envelopes and bodies).
"""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest
import requests

import hub as hub_app
from hub.service import Hub
from kiosk.service import Kiosk
from shared.journal import Journal
from shared.sync.protocol import ProtocolError, from_wire, to_wire
from tests.support.pairing import SealedSync, pair_device
from tests.support.processes import never_within, wait_until
from tests.support.sync import deal, pull, push


@pytest.fixture
def hub(sagene_hub):
    """Sagene IF and Bydel Sagene signed up: the two parties of every deal here (conftest.py)."""
    return sagene_hub


@pytest.fixture
def kiosk(tmp_path: Path, hub: Hub):
    kiosk = Kiosk(tmp_path / "kiosk")
    pull(kiosk, hub)
    a, b = sorted(kiosk.evening.participants)
    kiosk.register_deal(deal(a, b))
    yield kiosk
    kiosk.close()


def counts(hub: Hub) -> tuple:
    return hub.store.head(), hub.received_total, hub.duplicates_total, hub.stats()["deals"]


def own_wire(kiosk: Kiosk) -> list[dict]:
    return [to_wire(e) for e in kiosk.store.recorder.select_events(kiosk.device_id)]


def forged(kiosk: Kiosk, seq: int, type_name: str, **state) -> dict:
    """An event in the tablet's own journal, of a kind the tablet must not write."""
    stamp = own_wire(kiosk)[0]["state"]["timestamp"]
    return {
        "origin": str(kiosk.device_id),
        "seq": seq,
        "type": type_name,
        "state": {"timestamp": stamp, "originator_topic": "shared.domain.journal:Journal", **state},
    }


HUB_ONLY = [
    (
        "EveningScheduled",
        {
            "name": "Kupp",
            "venue": "Rådhuset",
            "date": "2026-11-25",
            "opens_at": "17:00",
            "closes_at": "19:00",
            "target": 1,
        },
    ),
    (
        "DuplicateDealsResolved",
        {"deal_ids": [str(uuid.uuid4()), str(uuid.uuid4())], "keep": []},
    ),
    ("WalkInsResolved", {"participant_ids": [str(uuid.uuid4()), str(uuid.uuid4())], "keep": ""}),
]


@pytest.mark.parametrize(("type_name", "state"), HUB_ONLY, ids=[row[0] for row in HUB_ONLY])
def test_a_tablet_pushing_a_hub_only_event_of_its_own_is_refused(hub, kiosk, type_name, state):
    batch = [*own_wire(kiosk), forged(kiosk, 3, type_name, **state)]
    before = counts(hub)
    client = SealedSync(hub_app.create_app(hub).test_client(), hub, str(kiosk.device_id))
    answer = client.post("/api/sync/push", {"device": str(kiosk.device_id), "events": batch})
    assert (answer.status_code, answer.get_json()["error"]) == (403, "forbidden_event_type")
    assert counts(hub) == before  # the good events in front of it were not kept either


def _participant_state(walk_in: bool, sealed: str) -> dict:
    return {
        "participant_id": str(uuid.uuid4()),
        "name": "Falsk AS",
        "sector": "business",
        "needs": [],
        "offers": [],
        "consent_public": False,
        "contact_sealed": sealed,
        "walk_in": walk_in,
    }


CONTENT = [
    ("a participant that is no walk-in", _participant_state(False, ""), "invalid_event"),
    ("a walk-in carrying contact details", _participant_state(True, "x" * 40), "invalid_event"),
]


@pytest.mark.parametrize(("state", "code"), [r[1:] for r in CONTENT], ids=[r[0] for r in CONTENT])
def test_a_tablet_adds_walk_ins_only_and_holds_no_contacts(hub, kiosk, state, code):
    batch = [*own_wire(kiosk), forged(kiosk, 3, "ParticipantRegistered", **state)]
    before = counts(hub)
    with pytest.raises(ProtocolError) as refused:
        hub.ingest({"device": str(kiosk.device_id), "events": batch})
    assert refused.value.code == code
    assert counts(hub) == before


def test_a_journal_claiming_to_be_a_hub_is_refused(hub, tmp_path):
    device = str(uuid.uuid4())
    journal = Journal(device_id=device, role="hub", name="Falsk hub")
    wire = [to_wire(hub.store.mapper.to_stored_event(e)) for e in journal.collect_events()]
    with pytest.raises(ProtocolError) as refused:
        hub.ingest({"device": device, "events": wire})
    assert (refused.value.code, refused.value.status) == ("invalid_event", 422)


@pytest.mark.parametrize("version", ["2", 0, -1, True, None, 2.5, [2]])
def test_a_nonsense_schema_version_is_malformed(hub, kiosk, version):
    batch = own_wire(kiosk)
    batch[0]["state"]["class_version"] = version
    before = counts(hub)
    with pytest.raises(ProtocolError) as refused:
        hub.ingest({"device": str(kiosk.device_id), "events": batch})
    assert refused.value.code == "malformed_event"
    assert counts(hub) == before


def test_a_replayed_batch_is_answered_but_changes_nothing(hub, kiosk):
    batch = {"device": str(kiosk.device_id), "events": own_wire(kiosk)}
    first = hub.ingest(batch)
    after_first = hub.store.head(), hub.received_total, hub.stats()["deals"]
    replay = hub.ingest(json.loads(json.dumps(batch)))  # the very same bytes, later
    assert (first["accepted"], replay["accepted"], replay["duplicates"]) == (2, 0, 2)
    assert (hub.store.head(), hub.received_total, hub.stats()["deals"]) == after_first
    assert hub.duplicates_total == 2


# --- the tablet's side: a poisoned queue is shown, not hammered ---------------------------------


def _poison(kiosk_dir: Path) -> None:
    """Put a hub-only event at the end of a stopped tablet's own journal (a bug, a bad copy)."""
    kiosk = Kiosk(kiosk_dir)
    try:
        type_name, state = HUB_ONLY[0]
        wire = forged(kiosk, kiosk.journal.version + 1, type_name, **state)
        _event, stored = from_wire(wire, kiosk.store.mapper)
        kiosk.store.insert([stored])
    finally:
        kiosk.close()


def test_a_tablet_with_a_poisoned_queue_says_refused_keeps_it_and_does_not_hammer(
    programs, seeded_hub_dir, tmp_path
):
    hub = programs.hub(seeded_hub_dir)
    kiosk_dir = tmp_path / "k1"
    pair_device(seeded_hub_dir, hub.url, kiosk_dir)
    _poison(kiosk_dir)
    kiosk = programs.kiosk(kiosk_dir, hub.url)

    def status() -> dict:
        return requests.get(f"{kiosk.url}/api/status", timeout=2).json()

    refused = wait_until(lambda: status()["state"] == "refused" and status(), timeout=20)
    assert refused["error_code"] == "forbidden_event_type"
    assert refused["pending"] == 2  # its Opened and the poisoned event: kept, not dropped
    fragment = requests.get(f"{kiosk.url}/status", timeout=2).text
    assert "forbidden_event_type" in fragment  # the broker sees why, on the status bar

    # The tablet still reads the hub's log: the participant picker works.
    assert requests.get(f"{kiosk.url}/api/participants?q=a", timeout=2).json()["participants"]

    # No tight retry loop: one refusal in the kiosk's log, not dozens, for as long as we watch.
    def refusals() -> int:
        return kiosk.log_path.read_text().count("sync refused")

    never_within(lambda: refusals() > 2 and kiosk.log(), timeout=4)
    assert refusals() >= 1, kiosk.log()
    stats = requests.get(f"{hub.url}/api/stats", timeout=2).json()
    assert stats["deals"] == 0


# --- what the network or a broken client does to the bytes -------------------------------------


def test_an_oversized_push_is_refused_before_it_is_read(hub, kiosk):
    client = hub_app.create_app(hub).test_client()
    before = counts(hub)
    body = b'{"device": "x", "box": "' + b"A" * (5 * 1024 * 1024) + b'"}'
    answer = client.post("/api/sync/push", data=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 413
    assert answer.get_json()["error"] == "request_entity_too_large"
    assert counts(hub) == before


@pytest.mark.parametrize("cut", [0.25, 0.5, 0.9, 0.999])
def test_a_sealed_push_cut_short_on_the_wire_is_refused_whole(hub, kiosk, cut):
    sync = SealedSync(hub_app.create_app(hub).test_client(), hub, str(kiosk.device_id))
    _counter, sealed = sync.seal(
        "/api/sync/push", {"device": str(kiosk.device_id), "events": own_wire(kiosk)}
    )
    raw = json.dumps(sealed).encode()
    truncated = raw[: int(len(raw) * cut)]
    before = counts(hub)
    answer = sync.client.post(
        "/api/sync/push", data=truncated, headers={"Content-Type": "application/json"}
    )
    assert 400 <= answer.status_code < 500
    assert answer.get_json()["error"] in ("malformed_json", "malformed_envelope", "bad_seal")
    assert counts(hub) == before
    # the whole message, sent again, still goes through (the counter was not burnt)
    whole = sync.client.post("/api/sync/push", json=sealed)
    assert whole.status_code == 200
    assert counts(hub)[0] == before[0] + 2


@pytest.mark.parametrize("keep", [8, 64, -8])
def test_a_sealed_box_cut_short_inside_valid_json_is_refused(hub, kiosk, keep):
    sync = SealedSync(hub_app.create_app(hub).test_client(), hub, str(kiosk.device_id))
    _counter, sealed = sync.seal(
        "/api/sync/push", {"device": str(kiosk.device_id), "events": own_wire(kiosk)}
    )
    before = counts(hub)
    answer = sync.client.post("/api/sync/push", json={**sealed, "box": sealed["box"][:keep]})
    assert answer.status_code in (400, 401)
    assert answer.get_json()["error"] in ("malformed_envelope", "bad_seal")
    assert counts(hub) == before


def test_a_tablet_restored_from_an_old_backup_cannot_reuse_its_numbers_silently(hub, kiosk):
    """Seq 2 is already on the hub; a different event under seq 2 would be lost as a 'duplicate'."""
    hub.ingest({"device": str(kiosk.device_id), "events": own_wire(kiosk)})
    reused = own_wire(kiosk)
    reused[1]["state"] = {**reused[1]["state"], "deal_id": str(uuid.uuid4()), "broker": "Ny"}
    before = counts(hub), hub.duplicates_total
    with pytest.raises(ProtocolError) as refused:
        hub.ingest({"device": str(kiosk.device_id), "events": reused})
    assert (refused.value.code, refused.value.status) == ("sequence_reused", 409)
    assert (counts(hub), hub.duplicates_total) == before
    # the honest resend is still a plain duplicate
    assert (
        hub.ingest({"device": str(kiosk.device_id), "events": own_wire(kiosk)})["duplicates"] == 2
    )


def test_a_tablet_journal_restored_from_a_backup_is_not_silently_ahead_of_itself(hub, tmp_path):
    folder = tmp_path / "restored"
    kiosk = Kiosk(folder)
    pull(kiosk, hub)
    a, b = sorted(kiosk.evening.participants)
    kiosk.register_deal(deal(a, b))
    kiosk.close()
    backup = tmp_path / "backup"
    backup.mkdir()
    for file in folder.glob("kiosk.sqlite*"):
        shutil.copy(file, backup / file.name)
    kiosk = Kiosk(folder)
    kiosk.register_deal(deal(a, b, broker="Ola"))
    kiosk.register_deal(deal(a, b, broker="Per"))
    push(kiosk, hub)  # the hub holds seq 1..4; sync-status.json says so
    kiosk.close()
    for file in folder.glob("kiosk.sqlite*"):
        file.unlink()
    for file in backup.iterdir():
        shutil.copy(file, folder / file.name)  # the tablet's database comes back from the backup

    kiosk = Kiosk(folder)
    later = kiosk.register_deal(deal(a, b, broker="Kari"))  # seq 3 again, another deal
    assert kiosk.pending() == 1  # shown as waiting, not hidden behind a stale acknowledgement
    before = counts(hub)
    with pytest.raises(ProtocolError) as refused:
        push(kiosk, hub)
    assert refused.value.code == "sequence_reused"
    assert counts(hub) == before and later.id not in hub.evening.deals
    kiosk.close()
