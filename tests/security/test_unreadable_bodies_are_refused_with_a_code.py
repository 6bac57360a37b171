"""Issue 11, item 19: a body the server cannot read is a 400 with a stable code, on both apps,
without credentials and inside a sealed box too; never a 500.

Before the fix, ``get_json`` let the parser's ``RecursionError`` through (deep nesting), and a
counter of 2**64 inside a well-sealed box reached SQLite and overflowed.
"""

from __future__ import annotations

import json

import pytest

import hub as hub_web
import kiosk as kiosk_web
from hub.service import Hub
from kiosk.service import Kiosk
from tests.support.auth import login_test_client
from tests.support.evenings import sign_up_sagene
from tests.support.pairing import SealedSync
from tests.support.sync import deal, pull

DEEP = b"[" * 50_000 + b"]" * 50_000
DEEP_OBJECT = b'{"a":' * 5_000 + b"1" + b"}" * 5_000
UNREADABLE = {
    "deep list": DEEP,
    "deep object": DEEP_OBJECT,
    "2**64": json.dumps({"counter": 2**64, "device": 2**64}).encode(),
    "huge float": b'{"after": 1e400}',
    "NaN": b'{"after": NaN}',
    "not UTF-8": b'{"name": "\xff\xfe\xc3"}',
    "a lone surrogate byte": b'{"name": "\xed\xa0\x80"}',
}

HUB_JSON_POSTS = ["/api/sync/push", "/api/sync/hello", "/api/pair"]
KIOSK_JSON_POSTS = ["/api/deals", "/api/deals/{id}/corrections", "/api/deals/{id}/void"]


# Every refusal here leaves the evening as it was: one hub and one kiosk serve the whole module.
@pytest.fixture(scope="module")
def evening(tmp_path_factory):
    base = tmp_path_factory.mktemp("bodies")
    hub = Hub(base / "hub")
    sign_up_sagene(hub)
    kiosk = Kiosk(base / "kiosk")
    pull(kiosk, hub)
    deal_id = kiosk.register_deal(deal(*sorted(kiosk.evening.participants))).id
    yield hub, kiosk, deal_id
    kiosk.close()
    hub.close()


@pytest.fixture(scope="module")
def hub(evening):
    return evening[0]


@pytest.fixture(scope="module")
def hub_app(hub):
    return hub_web.create_app(hub)


@pytest.fixture(scope="module")
def organiser(hub_app, hub):
    return login_test_client(hub_app.test_client(), hub.data_dir)


@pytest.fixture(scope="module")
def kiosk_app(evening):
    return kiosk_web.create_app(evening[1])


def _refused_with_a_code(answer) -> None:
    assert answer.status_code == 400, (answer.status_code, answer.get_data()[:200])
    assert answer.get_json()["error"] == "malformed_json"


@pytest.mark.parametrize("path", HUB_JSON_POSTS)
@pytest.mark.parametrize("body", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_the_hub_refuses_an_unreadable_body_without_credentials(hub_app, path, body):
    answer = hub_app.test_client().post(path, data=body, content_type="application/json")
    _refused_with_a_code(answer)


@pytest.mark.parametrize("body", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_the_organiser_api_refuses_an_unreadable_body(organiser, body):
    answer = organiser.post("/api/conflicts/resolve", data=body, content_type="application/json")
    _refused_with_a_code(answer)


@pytest.mark.parametrize("path", KIOSK_JSON_POSTS)
@pytest.mark.parametrize("body", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_the_kiosk_refuses_an_unreadable_body(kiosk_app, evening, path, body):
    deal_id = evening[2]
    answer = kiosk_app.test_client().post(
        path.format(id=deal_id), data=body, content_type="application/json"
    )
    _refused_with_a_code(answer)


def _sealed_raw(sync: SealedSync, path: str, inner: bytes) -> dict:
    """A box sealed with the device's real key around bytes of our choosing."""
    from shared.sync import envelope

    return {"device": sync.device_id, "box": envelope.b64(sync.box.encrypt(inner))}


SEALED_INSIDE = {
    "deep body": lambda path: b'{"v": 1, "dir": "request", "body": ' + DEEP + b"}",
    "counter 2**64": lambda path: json.dumps(
        {"v": 1, "dir": "request", "path": path, "counter": 2**64, "body": {}}
    ).encode(),
    "not UTF-8": lambda path: b'{"v": 1, "body": "\xff"}',
}


@pytest.mark.parametrize("inner", SEALED_INSIDE.values(), ids=SEALED_INSIDE.keys())
@pytest.mark.parametrize("path", ["/api/sync/push", "/api/sync/hello"])
def test_a_well_sealed_box_with_an_unreadable_inside_is_refused(hub_app, hub, path, inner):
    sync = SealedSync(hub_app.test_client(), hub)
    sync.device_id = str(sync.device_id)
    sealed = _sealed_raw(sync, path, inner(path).replace(b'"device_id"', b'"device"'))
    answer = sync.client.post(path, json=sealed)
    assert answer.status_code == 400, (answer.status_code, answer.get_data()[:200])
    assert answer.get_json()["error"] == "malformed_envelope"


def test_a_counter_of_2_to_the_64_in_a_real_request_is_refused(hub_app, hub):
    """The request is otherwise right: its device, path and direction; only the counter is huge."""
    sync = SealedSync(hub_app.test_client(), hub)
    inner = json.dumps(
        {
            "v": 1,
            "dir": "request",
            "device": sync.device_id,
            "path": "/api/sync/hello",
            "counter": 2**64,
            "body": {},
        }
    ).encode()
    answer = sync.client.post("/api/sync/hello", json=_sealed_raw(sync, "/api/sync/hello", inner))
    assert answer.status_code == 400, (answer.status_code, answer.get_data()[:200])
    assert answer.get_json()["error"] == "malformed_envelope"
    assert sync.post("/api/sync/hello", {}).status_code == 200  # the device still syncs
