"""Schemathesis against both apps' OpenAPI documents: no 500 anywhere, answers as documented.

Each app runs in-process (WSGI) on a temporary data folder with a small evening in it; the
organiser is logged in for the hub (its organiser API is behind the login), the sync endpoints
get whatever the fuzzer makes of them (and must refuse it with a 4xx). The checks: never a
server error, status codes, content types and bodies as the document says.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
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
from tests.support.auth import login_test_client
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
