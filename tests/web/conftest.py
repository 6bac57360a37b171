"""The web room's fixtures: the evening the security stories run on, and a hostile kiosk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kiosk as kiosk_web
from hub.service import Hub
from kiosk.service import Kiosk
from tests.support.auth import ensure_password
from tests.support.evenings import HOSTILE, SAGENE_EVENING


@pytest.fixture
def evening_hub(sagene_hub: Hub) -> Hub:
    """``sagene_hub`` with the evening planned and the organiser's password chosen."""
    sagene_hub.schedule_evening(SAGENE_EVENING)
    ensure_password(sagene_hub.data_dir)
    return sagene_hub


@pytest.fixture
def hostile_kiosk(tmp_path: Path):
    """A tablet whose participant list holds a name written as a script."""
    hub = Hub(tmp_path / "hub")
    hub.register_participant({"name": "Sagene IF", "sector": "voluntary"})
    hub.register_participant({"name": f"{HOSTILE} Lag", "sector": "public"})
    kiosk = Kiosk(tmp_path / "kiosk")
    kiosk.absorb(hub.pull(0)["events"])
    hub.close()
    yield kiosk
    kiosk.close()


@pytest.fixture
def broker(hostile_kiosk: Kiosk):
    """A browser on the kiosk page: it has the session's CSRF token, as htmx sends it."""
    client = kiosk_web.create_app(hostile_kiosk).test_client()
    page = client.get("/").get_data(as_text=True)
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    client.environ_base["HTTP_X_CSRF_TOKEN"] = token
    return client
