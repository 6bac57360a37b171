"""Promise 5 on the APIs: bad input gets a 4xx with a stable code, stores nothing, never a 500."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

import hub as hub_app
import kiosk as kiosk_app
from hub.service import Hub
from kiosk.service import Kiosk
from shared.sync.protocol import to_wire
from tests.support.auth import login_test_client
from tests.support.deals import deal_payload
from tests.support.pairing import SealedSync


@pytest.fixture
def hub(sagene_hub):
    """Sagene IF and Bydel Sagene signed up: the two parties of every deal here (conftest.py)."""
    return sagene_hub


@pytest.fixture
def kiosk(tmp_path: Path, hub: Hub):
    kiosk = Kiosk(tmp_path / "kiosk")
    kiosk.absorb(hub.pull(0)["events"])  # what the sync worker would have pulled
    yield kiosk
    kiosk.close()


@pytest.fixture
def kiosk_client(kiosk):
    return kiosk_app.create_app(kiosk).test_client()


@pytest.fixture
def hub_client(hub):
    """The organiser, logged in on the hub laptop."""
    return login_test_client(hub_app.create_app(hub).test_client(), hub.data_dir)


@pytest.fixture
def sync_client(hub, kiosk):
    """The kiosk, paired with the hub: its sync requests are sealed for it."""
    return SealedSync(hub_app.create_app(hub).test_client(), hub, str(kiosk.device_id))


def participant_ids(kiosk: Kiosk) -> list[str]:
    return sorted(kiosk.evening.participants)


def good_deal(kiosk: Kiosk) -> dict:
    a, b = participant_ids(kiosk)
    return deal_payload(a, b)


def stored(client) -> tuple[int, int]:
    deals = client.get("/api/deals").get_json()["deals"]
    status = client.get("/api/status").get_json()
    return len(deals), status["pending"]


def test_a_good_deal_is_stored(kiosk_client, kiosk):
    """The baseline every refusal below is measured against."""
    before = stored(kiosk_client)
    answer = kiosk_client.post("/api/deals", json=good_deal(kiosk))
    assert answer.status_code == 201
    assert set(answer.get_json()) == {"id", "number"}
    assert stored(kiosk_client) == (before[0] + 1, before[1] + 1)


def _with(kiosk: Kiosk, **changes) -> dict:
    return {**good_deal(kiosk), **changes}


def _party(kiosk: Kiosk, index: int, **changes) -> dict:
    deal = good_deal(kiosk)
    deal["parties"][index] = {**deal["parties"][index], **changes}
    return deal


BAD_DEALS = [
    # (name, body builder, expected status, error code, field code or None)
    ("empty object", lambda k: {}, 422, "invalid_deal", ("parties", "required")),
    ("a list", lambda k: [1, 2], 422, "invalid_deal", ("deal", "not_an_object")),
    ("a string", lambda k: "avtale", 422, "invalid_deal", ("deal", "not_an_object")),
    ("a number", lambda k: 7, 422, "invalid_deal", ("deal", "not_an_object")),
    (
        "no category",
        lambda k: _with(k, category=None),
        422,
        "invalid_deal",
        ("category", "required"),
    ),
    (
        "unknown kind",
        lambda k: _with(k, kind="swap"),
        422,
        "invalid_deal",
        ("kind", "unknown_kind"),
    ),
    (
        "deadline a number",
        lambda k: _with(k, deadline=5),
        422,
        "invalid_deal",
        ("deadline", "invalid_date"),
    ),
    (
        "parties a string",
        lambda k: _with(k, parties="a,b"),
        422,
        "invalid_deal",
        ("parties", "not_a_list"),
    ),
    (
        "unknown participant",
        lambda k: _party(k, 0, participant_id=str(uuid.uuid4())),
        422,
        "invalid_deal",
        ("parties.0.participant_id", "unknown_participant"),
    ),
    (
        "participant id a number",
        lambda k: _party(k, 1, participant_id=12),
        422,
        "invalid_deal",
        ("parties.1.participant_id", "unknown_participant"),
    ),
    (
        "gives a list",
        lambda k: _party(k, 0, gives=["x"]),
        422,
        "invalid_deal",
        ("parties.0.gives", "not_text"),
    ),
    (
        "walk-in with unknown sector",
        lambda k: _party(k, 0, participant_id=None, walk_in={"name": "Bakeriet", "sector": 3}),
        422,
        "invalid_deal",
        ("parties.0.walk_in.sector", "unknown_sector"),
    ),
    (
        "broker a dict",
        lambda k: _with(k, broker={"a": 1}),
        422,
        "invalid_deal",
        ("broker", "not_text"),
    ),
]


@pytest.mark.parametrize(
    ("build", "status", "code", "field"),
    [row[1:] for row in BAD_DEALS],
    ids=[row[0] for row in BAD_DEALS],
)
def test_a_bad_deal_is_refused_and_nothing_is_stored(
    kiosk_client, kiosk, build, status, code, field
):
    before = stored(kiosk_client)
    answer = kiosk_client.post("/api/deals", json=build(kiosk))
    assert answer.status_code == status
    body = answer.get_json()
    assert body["error"] == code
    assert {"field": field[0], "code": field[1]} in body["fields"]
    assert stored(kiosk_client) == before
    assert kiosk.journal.version == kiosk.store.repository.get(kiosk.device_id).version


# A body a browser could send cross-site (form, text/plain) may be stopped by the CSRF guard
# before the JSON check sees it; either refusal is a 4xx with a stable code.
NOT_JSON = {(415, "not_json"), (403, "csrf_failed")}
MALFORMED = {(400, "malformed_json")}

RAW_BODIES = [
    ("malformed JSON", b'{"parties": [', "application/json", MALFORMED),
    ("JSON null", b"null", "application/json", MALFORMED),
    ("not UTF-8", b'{"kind": "\xff\xfe"}', "application/json", MALFORMED),
    ("empty body", b"", "application/json", MALFORMED),
    ("form instead of JSON", b"kind=mutual", "application/x-www-form-urlencoded", NOT_JSON),
    ("text/plain", b'{"kind": "mutual"}', "text/plain", NOT_JSON),
    ("no content type", b'{"kind": "mutual"}', None, NOT_JSON),
]


@pytest.mark.parametrize(
    ("body", "content_type", "answers"),
    [row[1:] for row in RAW_BODIES],
    ids=[row[0] for row in RAW_BODIES],
)
def test_a_body_that_is_not_a_json_deal_is_refused(kiosk_client, body, content_type, answers):
    before = stored(kiosk_client)
    headers = {"Content-Type": content_type} if content_type else {}
    answer = kiosk_client.post("/api/deals", data=body, headers=headers)
    assert (answer.status_code, answer.get_json()["error"]) in answers
    assert stored(kiosk_client) == before


def test_an_oversized_body_is_refused_before_it_is_read(kiosk_client, kiosk):
    before = stored(kiosk_client)
    deal = good_deal(kiosk)
    deal["broker"] = "x" * (300 * 1024)
    answer = kiosk_client.post("/api/deals", json=deal)
    assert answer.status_code == 413
    assert answer.get_json()["error"] == "request_entity_too_large"
    assert stored(kiosk_client) == before


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code"),
    [
        ("get", "/api/deals/not-a-deal", None, 404, "unknown_deal"),
        ("post", f"/api/deals/{uuid.uuid4()}/void", {}, 404, "unknown_deal"),
        ("post", f"/api/deals/{uuid.uuid4()}/corrections", {}, 404, "unknown_deal"),
        ("get", "/api/nothing-here", None, 404, "not_found"),
        ("delete", "/api/deals", {}, 405, "method_not_allowed"),
    ],
)
def test_unknown_deals_and_routes_get_a_json_404(kiosk_client, method, path, body, status, code):
    answer = getattr(kiosk_client, method)(path, json=body)
    assert (answer.status_code, answer.get_json()["error"]) == (status, code)


def test_corrections_and_voids_refuse_bad_input_and_keep_the_deal(kiosk_client, kiosk):
    deal_id = kiosk_client.post("/api/deals", json=good_deal(kiosk)).get_json()["id"]
    before = stored(kiosk_client)
    revision = kiosk_client.get(f"/api/deals/{deal_id}").get_json()["revision"]

    bad_fix = kiosk_client.post(f"/api/deals/{deal_id}/corrections", json=_with(kiosk, kind=""))
    assert (bad_fix.status_code, bad_fix.get_json()["error"]) == (422, "invalid_deal")
    bad_void = kiosk_client.post(f"/api/deals/{deal_id}/void", json=["why"])
    assert (bad_void.status_code, bad_void.get_json()["error"]) == (422, "not_an_object")
    long_void = kiosk_client.post(f"/api/deals/{deal_id}/void", json={"reason": "x" * 301})
    assert long_void.status_code == 422
    assert {"field": "reason", "code": "too_long"} in long_void.get_json()["fields"]

    assert stored(kiosk_client) == before
    after = kiosk_client.get(f"/api/deals/{deal_id}").get_json()
    assert after["revision"] == revision and not after["voided"]


# --- the hub's sync endpoints ----------------------------------------------------------------


def kiosk_batch(kiosk: Kiosk) -> dict:
    """A real push batch: the kiosk's journal after one deal."""
    kiosk.register_deal(good_deal(kiosk))
    return {"device": str(kiosk.device_id), "events": kiosk.outbox(100)}


def hub_state(hub: Hub) -> tuple[int, dict]:
    return hub.store.head(), dict(hub.positions)


def test_a_good_batch_is_taken_once(sync_client, hub, kiosk):
    batch = kiosk_batch(kiosk)
    first = sync_client.post("/api/sync/push", json=batch)
    assert first.status_code == 200 and first.get_json()["acked"] == 2
    head = hub.store.head()
    again = sync_client.post("/api/sync/push", json=batch)
    assert again.get_json() == {"acked": 2, "accepted": 0, "duplicates": 2}
    assert hub.store.head() == head


def _mutate(batch: dict, index: int, **changes) -> dict:
    events = [dict(e) for e in batch["events"]]
    events[index].update(changes)
    return {**batch, "events": events}


BAD_PUSHES = [
    ("a list", lambda b: [b], 400, "malformed_batch"),
    ("no device", lambda b: {"events": b["events"]}, 400, "malformed_batch"),
    ("device not an id", lambda b: {**b, "device": "tablet-1"}, 400, "malformed_batch"),
    ("events not a list", lambda b: {**b, "events": {"0": 1}}, 400, "malformed_batch"),
    ("too many events", lambda b: {**b, "events": [b["events"][0]] * 501}, 413, "batch_too_large"),
    ("event not an object", lambda b: {**b, "events": ["DealRegistered"]}, 422, "malformed_event"),
    ("unknown type", lambda b: _mutate(b, 1, type="DealDeleted"), 422, "unknown_event_type"),
    ("type is a code path", lambda b: _mutate(b, 1, type="os:system"), 422, "unknown_event_type"),
    ("seq zero", lambda b: _mutate(b, 0, seq=0), 422, "malformed_event"),
    ("seq a string", lambda b: _mutate(b, 0, seq="1"), 422, "malformed_event"),
    ("seq a boolean", lambda b: _mutate(b, 0, seq=True), 422, "malformed_event"),
    ("origin not an id", lambda b: _mutate(b, 0, origin="me"), 422, "malformed_event"),
    ("state not an object", lambda b: _mutate(b, 1, state="{}"), 422, "malformed_event"),
    (
        "state missing fields",
        lambda b: _mutate(b, 1, state={"timestamp": b["events"][1]["state"]["timestamp"]}),
        422,
        "invalid_event",
    ),
    (
        "a deal with a bad category",
        lambda b: _mutate(b, 1, state={**b["events"][1]["state"], "category": "money"}),
        422,
        "invalid_event",
    ),
    (
        "schema from the future",
        lambda b: _mutate(b, 1, state={**b["events"][1]["state"], "class_version": 99}),
        422,
        "schema_too_new",
    ),
    (
        "foreign origin",
        lambda b: _mutate(b, 1, origin=str(uuid.uuid4())),
        403,
        "foreign_origin",
    ),
    ("a gap in the sequence", lambda b: {**b, "events": b["events"][1:]}, 409, "sequence_gap"),
]


@pytest.mark.parametrize(
    ("mutate", "status", "code"),
    [row[1:] for row in BAD_PUSHES],
    ids=[row[0] for row in BAD_PUSHES],
)
def test_a_bad_push_is_refused_whole(sync_client, hub, kiosk, mutate, status, code):
    batch = kiosk_batch(kiosk)
    before = hub_state(hub)
    answer = sync_client.post("/api/sync/push", json=mutate(batch))
    assert (answer.status_code, answer.get_json()["error"]) == (status, code)
    assert hub_state(hub) == before
    # …and the honest batch still goes through afterwards.
    assert sync_client.post("/api/sync/push", json=batch).get_json()["acked"] == 2


@pytest.mark.parametrize(
    ("body", "content_type", "answers"),
    [
        (b"{not json", "application/json", MALFORMED),
        (b"device=1", "application/x-www-form-urlencoded", NOT_JSON),
    ],
)
def test_a_push_that_is_not_json_is_refused(hub_client, hub, body, content_type, answers):
    before = hub_state(hub)
    answer = hub_client.post("/api/sync/push", data=body, headers={"Content-Type": content_type})
    assert (answer.status_code, answer.get_json()["error"]) in answers
    assert hub_state(hub) == before


def test_a_hub_event_pushed_by_a_kiosk_is_refused(sync_client, hub, kiosk):
    """A kiosk must not speak for the hub's journal (it would add participants)."""
    hub_events = [to_wire(e) for e in hub.store.recorder.select_events(hub.device_id)]
    before = hub_state(hub)
    answer = sync_client.post(
        "/api/sync/push", json={"device": str(kiosk.device_id), "events": hub_events}
    )
    assert (answer.status_code, answer.get_json()["error"]) == (403, "foreign_origin")
    assert hub_state(hub) == before


@pytest.mark.parametrize(
    "query",
    ["after=x", "after=-1", "limit=0", "limit=ten", "after=1.5", "after=" + "9" * 400],
)
def test_pull_with_bad_parameters_is_refused(sync_client, query):
    answer = sync_client.get(f"/api/sync/pull?{query}")
    assert answer.status_code == 400
    assert answer.get_json()["error"] == "bad_position"


def test_pull_beyond_the_head_is_empty_not_an_error(sync_client, hub):
    answer = sync_client.get(f"/api/sync/pull?after={hub.store.head() + 1000}&limit=5000")
    assert answer.status_code == 200
    assert answer.get_json()["events"] == [] and answer.get_json()["head"] == hub.store.head()


def test_hub_deal_filters_ignore_nonsense(hub_client):
    for query in ["sector=church", "category=%00", "device=" + "x" * 5000]:
        answer = hub_client.get(f"/api/deals?{query}")
        assert answer.status_code == 200 and answer.get_json() == {"deals": []}


def test_errors_are_json_with_no_stack_trace(kiosk_client):
    answer = kiosk_client.post(
        "/api/deals", data=json.dumps({"parties": [None, None]}), content_type="application/json"
    )
    assert answer.status_code == 422
    assert "Traceback" not in answer.get_data(as_text=True)
    assert answer.headers["Cache-Control"] == "no-store"
