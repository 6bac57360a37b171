"""Promises 2 and 3 as properties: whatever the network does to the batches, the answer is one.

An evening's worth of events is made once by real kiosks (registrations, corrections, voids,
walk-ins, two tablets editing the same deal, a likely double registration) and by a hub (its
participants and an organiser's ruling). Hypothesis then plays the network: batches from
several tablets arrive interleaved, twice, cut short, shuffled inside, out of order. The hub
either takes a batch whole or refuses it whole, and in the end — once every tablet has done its
normal resend — its projections are the same as with a perfect network, and a second delivery
of everything changes nothing.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from pathlib import Path

import pytest
from eventsourcing.application import Application
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hub.conflicts.service import resolve_deal
from hub.service import Hub
from kiosk.service import Kiosk
from shared.evening import Evening
from shared.sync.protocol import MAX_BATCH, ProtocolError, from_wire, to_wire
from tests.support.sync import deal, sync

PROPERTY_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _participant(name: str, sector: str) -> dict:
    return {"name": name, "sector": sector, "needs": [], "offers": [], "consent_public": True}


@pytest.fixture(scope="module")
def evening_events(tmp_path_factory) -> dict:
    """Wire events of three tablets and a hub after a small, messy evening."""
    base = tmp_path_factory.mktemp("evening")
    hub = Hub(base / "hub")
    ids = [
        hub.register_participant(_participant(name, sector))
        for name, sector in [
            ("Kulturhuset", "public"),
            ("Idrettslaget", "voluntary"),
            ("Snekkeriet AS", "business"),
            ("Røde Kors", "voluntary"),
        ]
    ]
    a, b, c, d = ids
    kiosks = [Kiosk(base / f"k{i}") for i in range(3)]
    for kiosk in kiosks:
        sync(kiosk, hub)
    k1, k2, k3 = kiosks
    shared_deal = k1.register_deal(deal(a, b))
    voided = k1.register_deal(deal(c, d, category="equipment"))
    for kiosk in kiosks:
        sync(kiosk, hub)
    k1.correct_deal(shared_deal.id, deal(a, b, category="courses"))  # offline, both of them
    k2.correct_deal(shared_deal.id, deal(a, b, broker="Ola"))
    k3.void_deal(voided.id, {"reason": "feil"})
    k2.register_deal(deal(c, a, category="culture", broker="Ola"))
    k3.register_deal(deal(a, c, category="culture", broker="Per"))  # a likely double
    walk_in = {"walk_in": {"name": "Kafé Stolpen", "sector": "business"}, "gives": "Kaffe"}
    k1.register_deal({**deal(a, b), "parties": [walk_in, {"participant_id": d, "gives": "Tid"}]})
    k3.register_deal({**deal(a, b), "parties": [walk_in, {"participant_id": b, "gives": "Rom"}]})
    for i in range(12):
        kiosks[i % 3].register_deal(deal(ids[i % 4], ids[(i + 1) % 4], broker=f"B{i}"))
    for kiosk in kiosks:
        sync(kiosk, hub)
    [versions] = [c for c in hub.evening.conflicts.all() if c["kind"] == "versions"]
    resolve_deal(hub, shared_deal.id, keep=versions["versions"][0])
    result = {
        "devices": {
            str(k.device_id): [to_wire(e) for e in k.store.recorder.select_events(k.device_id)]
            for k in kiosks
        },
        "hub": [to_wire(n) for n in hub.store.read_all()],
    }
    for node in (hub, *kiosks):
        node.close()
    return result


def _snapshot(evening: Evening) -> dict:
    """Everything a person can see, minus the hub's arrival order."""
    return {
        "deals": {
            deal_id: (
                d.number,
                d.category,
                d.kind,
                d.broker,
                json.dumps(d.parties, sort_keys=True),
                d.voided,
                d.void_reason,
                d.conflict,
                tuple(d.heads),
                tuple(d.revisions),
            )
            for deal_id, d in evening.deals.items()
        },
        "participants": {p.id: (p.name, p.merged_into) for p in evening.participants.values()},
        "stats": evening.stats(),
        "conflicts": [(c["key"], c["kind"], tuple(c["versions"])) for c in evening.conflicts.all()],
    }


# --- the fold alone: any order, any repetition ---------------------------------------------


def _decoded(evening_events: dict) -> list:
    mapper = Application(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper
    return [from_wire(w, mapper)[0] for w in evening_events["hub"]]


@PROPERTY_SETTINGS
@given(data=st.data())
def test_the_evening_depends_only_on_the_set_of_events(evening_events, data):
    events = _decoded(evening_events)
    reference = Evening()
    for ev in events:
        reference.apply(ev)
    assert reference.conflicts.all(), "the fixture should hold conflicts to keep"

    order = data.draw(st.permutations(events))
    repeats = data.draw(st.lists(st.sampled_from(events), max_size=20))
    shuffled = Evening()
    for ev in [*order, *repeats]:
        shuffled.apply(ev)
    assert _snapshot(shuffled) == _snapshot(reference)


# --- the hub: batches mangled by the network -------------------------------------------------

_batch = st.tuples(
    st.integers(min_value=0, max_value=2),  # which tablet
    st.integers(min_value=0, max_value=40),  # where the batch starts in its journal
    st.integers(min_value=0, max_value=25),  # how long it is (cut short by the network)
    st.booleans(),  # shuffled inside
    st.booleans(),  # delivered twice
)


def _fresh_hub() -> tuple[Hub, Path]:
    folder = Path(tempfile.mkdtemp(prefix="prop-hub-"))
    return Hub(folder), folder


def _push(hub: Hub, device: str, events: list) -> dict | None:
    try:
        return hub.ingest({"device": device, "events": events})
    except ProtocolError as refused:
        assert refused.code == "sequence_gap", refused.code
        return None


def _resend_like_a_kiosk(hub: Hub, device: str, journal: list) -> None:
    acked = 0
    while True:
        batch = [w for w in journal if w["seq"] > acked][:MAX_BATCH]
        if not batch:
            return
        acked = hub.ingest({"device": device, "events": batch})["acked"]


@pytest.fixture(scope="module")
def perfect(evening_events):
    hub, folder = _fresh_hub()
    for device, journal in evening_events["devices"].items():
        _resend_like_a_kiosk(hub, device, journal)
    snapshot = _snapshot(hub.evening)
    head = hub.store.head()
    hub.close()
    shutil.rmtree(folder)
    return snapshot, head


@PROPERTY_SETTINGS
@given(batches=st.lists(_batch, max_size=25), rng_seed=st.integers(0, 2**32 - 1))
def test_any_interleaving_duplication_truncation_and_reordering_gives_the_same_hub(
    evening_events, perfect, batches, rng_seed
):
    devices = list(evening_events["devices"].items())
    rng = random.Random(rng_seed)
    hub, folder = _fresh_hub()
    try:
        for which, start, length, shuffle, twice in batches:
            device, journal = devices[which]
            events = [dict(w) for w in journal[start : start + length]]
            if shuffle:
                rng.shuffle(events)
            for _ in range(2 if twice else 1):
                head_before = hub.store.head()
                if _push(hub, device, events) is None:
                    assert hub.store.head() == head_before  # refused whole: nothing stored
        for device, journal in devices:
            _resend_like_a_kiosk(hub, device, journal)

        expected_snapshot, expected_head = perfect
        assert hub.store.head() == expected_head  # every event stored exactly once
        assert _snapshot(hub.evening) == expected_snapshot

        # Everything again, in one go: ingest is idempotent.
        received = hub.received_total
        for device, journal in devices:
            answer = hub.ingest({"device": device, "events": journal[:MAX_BATCH]})
            assert answer["accepted"] == 0
            assert answer["duplicates"] == len(journal[:MAX_BATCH])
        assert hub.store.head() == expected_head
        assert hub.received_total == received
        assert _snapshot(hub.evening) == expected_snapshot
    finally:
        hub.close()
        shutil.rmtree(folder)


@PROPERTY_SETTINGS
@given(cut=st.integers(min_value=1, max_value=30))
def test_a_hub_restarted_mid_evening_rebuilds_the_same_projections(evening_events, perfect, cut):
    devices = list(evening_events["devices"].items())
    hub, folder = _fresh_hub()
    try:
        for device, journal in devices:
            hub.ingest({"device": device, "events": journal[:cut]})
        hub.close()
        hub = Hub(folder)  # a restart folds its own log again
        for device, journal in devices:
            _resend_like_a_kiosk(hub, device, journal)
        assert _snapshot(hub.evening) == perfect[0]
        hub.close()
        hub = Hub(folder)
        assert _snapshot(hub.evening) == perfect[0]
    finally:
        hub.close()
        shutil.rmtree(folder)


def test_the_fixture_really_is_messy(evening_events):
    kinds = {c.split(":")[0] for c in _snapshot_keys(evening_events)}
    assert {"double", "walkin"} <= kinds


def _snapshot_keys(evening_events) -> list[str]:
    evening = Evening()
    for ev in _decoded(evening_events):
        evening.apply(ev)
    return [c["key"] for c in evening.conflicts.all()]
