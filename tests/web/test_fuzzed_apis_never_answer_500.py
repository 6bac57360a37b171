"""Schemathesis against both apps' OpenAPI documents: no 500 anywhere, answers as documented;
and pathological bodies (deep nesting, huge numbers, invalid UTF-8, control characters) sent to
every operation of both documents, and sealed inside a real device's box (issue 11).

Each app runs in-process (WSGI) on a temporary data folder with a small evening in it; the
organiser is logged in for the hub (its organiser API is behind the login), the sync endpoints
get whatever the fuzzer makes of them (and must refuse it with a 4xx). The checks: never a
server error, status codes, content types and bodies as the document says.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote_from_bytes

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

import hub as hub_app
import kiosk as kiosk_app
from hub.service import Hub
from kiosk.service import Kiosk
from shared.sync import envelope
from tests.support.auth import login_test_client
from tests.support.pairing import SealedSync
from tests.support.sync import deal, pull

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def evening(tmp_path_factory):
    base: Path = tmp_path_factory.mktemp("fuzz")
    hub = Hub(base / "hub")
    for name, sector in (("Sagene IF", "voluntary"), ("Bydel Sagene", "public")):
        hub.register_participant({"name": name, "sector": sector})
    kiosk = Kiosk(base / "kiosk")
    pull(kiosk, hub)
    a, b = sorted(kiosk.evening.participants)
    kiosk.register_deal(deal(a, b))
    yield hub, kiosk
    hub.close()
    kiosk.close()


@pytest.fixture(scope="module")
def hub_schema(evening):
    hub, _kiosk = evening
    app = hub_app.create_app(hub)
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


@pytest.fixture(scope="module")
def organiser_cookie(evening, hub_schema) -> dict:
    hub, _kiosk = evening
    client = login_test_client(hub_schema.app.test_client(), hub.data_dir)
    name = hub_schema.app.config["SESSION_COOKIE_NAME"]  # named after the hub's device id
    return {
        "Cookie": f"{name}={client.get_cookie(name).value}",
        "X-CSRF-Token": client.environ_base["HTTP_X_CSRF_TOKEN"],  # a session's JSON needs it
    }


@pytest.fixture(scope="module")
def kiosk_schema(evening):
    _hub, kiosk = evening
    return schemathesis.openapi.from_wsgi("/api/openapi.json", kiosk_app.create_app(kiosk))


hub_api = schemathesis.pytest.from_fixture("hub_schema")
kiosk_api = schemathesis.pytest.from_fixture("kiosk_schema")


@hub_api.parametrize()
@FUZZ
def test_the_hub_api_never_answers_500(case, organiser_cookie):
    case.call_and_validate(headers=organiser_cookie, checks=CHECKS)


@kiosk_api.parametrize()
@FUZZ
def test_the_kiosk_api_never_answers_500(case):
    case.call_and_validate(checks=CHECKS)


# --- pathological bodies over every operation of both documents ---------------------------------
#
# Schemathesis makes bodies that look like the schema; someone hostile sends what no schema
# describes. Every operation either document lists gets bodies nested thousands deep, numbers
# past 64 bits, NaN, invalid UTF-8, controls, bidi overrides and lone surrogates, as raw bytes
# and (for the sync endpoints) sealed inside a real device's box, and must answer a 4xx with a
# stable code or a 2xx, never a 500.

CONTROLS = "".join(map(chr, range(32))) + "\x7f\u202e\u200b\u2066\ufeff\u2028"


def _deep(depth: int, opener: str = "[", closer: str = "]") -> str:
    return opener * depth + closer * depth


def pathological_json() -> st.SearchStrategy[bytes]:
    """Bytes a hostile client sends where JSON is expected."""
    texts = st.text(alphabet=st.sampled_from([*CONTROLS, "a", "Å", "\ud800"]), max_size=40)
    leaves = st.one_of(
        st.integers(min_value=-(2**70), max_value=2**70),
        st.sampled_from([2**63, 2**64, -(2**63) - 1, 10**400]),
        texts,
        st.booleans(),
        st.none(),
    )
    values = st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    )
    encoded = values.map(
        lambda v: json.dumps(v, ensure_ascii=False).encode("utf-8", "surrogatepass")
    )
    deep = st.integers(min_value=30, max_value=20_000).map(
        lambda n: _deep(n).encode() if n % 2 else ('{"a":' * n + "1" + "}" * n).encode()
    )
    constants = st.sampled_from(
        [b"NaN", b"[Infinity]", b'{"after": -Infinity}', b"1e400", b'{"counter": 1e999}']
    )
    broken = st.binary(max_size=64).map(lambda b: b'{"name": "' + b + b'\xff\xfe"}')
    return st.one_of(encoded, deep, constants, broken)


def _operations(app) -> list[tuple[str, str]]:
    document = app.test_client().get("/api/openapi.json").get_json()
    return [
        (method.upper(), path)
        for path, item in sorted(document["paths"].items())
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    ]


def _never_500(answer, where: str) -> None:
    assert answer.status_code < 500, (where, answer.status_code, answer.get_data()[:300])
    if answer.status_code >= 400 and answer.is_json:
        body = answer.get_json()
        assert isinstance(body.get("error") or body.get("box"), str), (where, body)


def _hostile_query(body: bytes) -> str:
    return "after=" + quote_from_bytes(body[:200]) + "&limit=%FF%FE&box=%00&device=" + "9" * 40


def _send_everywhere(client, operations, body: bytes, headers: dict, real_id: str) -> None:
    for method, path in operations:
        url = path.replace("{deal_id}", real_id).replace("{participant_id}", real_id)
        url = re.sub(r"\{[^}]+\}", real_id, url)
        if method == "GET":
            answer = client.get(f"{url}?{_hostile_query(body)}", headers=headers)
        else:
            answer = client.open(
                url, method=method, data=body, content_type="application/json", headers=headers
            )
        _never_500(answer, f"{method} {path}")


PATHOLOGICAL = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


@PATHOLOGICAL
@given(body=pathological_json())
def test_pathological_bodies_never_get_a_500_from_the_hub(
    hub_schema, organiser_cookie, evening, body
):
    _hub, kiosk = evening
    client = hub_schema.app.test_client(use_cookies=False)
    operations = _operations(hub_schema.app)
    assert ("POST", "/api/sync/push") in operations
    real_id = sorted(kiosk.evening.deals)[0]
    _send_everywhere(client, operations, body, {}, real_id)  # no credentials
    _send_everywhere(client, operations, body, organiser_cookie, real_id)  # the organiser


@PATHOLOGICAL
@given(body=pathological_json())
def test_pathological_bodies_never_get_a_500_from_the_kiosk(kiosk_schema, evening, body):
    _hub, kiosk = evening
    client = kiosk_schema.app.test_client(use_cookies=False)
    operations = _operations(kiosk_schema.app)
    assert ("POST", "/api/deals") in operations
    _send_everywhere(client, operations, body, {}, sorted(kiosk.evening.deals)[0])


@pytest.fixture(scope="module")
def sealed_device(hub_schema, evening):
    return SealedSync(hub_schema.app.test_client(), evening[0])


@PATHOLOGICAL
@given(inner=pathological_json(), path=st.sampled_from(["/api/sync/push", "/api/sync/hello"]))
def test_pathological_insides_of_a_sealed_box_never_get_a_500(sealed_device, inner, path):
    """The box is sealed with the paired device's real key: only what is inside is hostile,
    either as the whole message or as the body of an otherwise right request."""
    sealed_device.counter += 1
    message = (
        b'{"v": 1, "dir": "request", "device": "%s", "path": "%s", "counter": %d, "body": '
        % (sealed_device.device_id.encode(), path.encode(), sealed_device.counter)
    )
    for plain in (inner, message + inner + b"}"):
        box = envelope.b64(sealed_device.box.encrypt(plain))
        answer = sealed_device.client.post(
            path, json={"device": sealed_device.device_id, "box": box}
        )
        _never_500(answer, path)
