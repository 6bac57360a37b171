"""Fixtures shared by the whole suite: the hubs, kiosks and clients the stories start from.

Each is defined here once. The hub fixtures build on each other: ``hub`` is an empty hub,
``sagene_hub`` is that same hub with two participants signed up (and the web room's
``evening_hub`` is it again with an evening planned), so ``hub_app``, ``organiser`` and
``sync_client`` serve whichever of them a test asks for. ``seeded_hub`` is a hub of its own,
on the demo evening, with its own ``seeded_app``, ``seeded_organiser`` and ``seeded_guest``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import hub as hub_web
import kiosk as kiosk_web
from bors.demo import seed
from hub.service import Hub
from kiosk.service import Kiosk
from tests.support.auth import login_test_client
from tests.support.evenings import sign_up_sagene
from tests.support.journals import Venue
from tests.support.pairing import SealedSync
from tests.support.processes import Programs
from tests.support.sync import pull


@pytest.fixture
def programs(tmp_path: Path):
    """Real ``bors`` processes, all killed when the test ends."""
    running = Programs(tmp_path)
    yield running
    running.stop_all()


@pytest.fixture
def seeded_hub_dir(tmp_path: Path) -> Path:
    """A hub data folder with the demo evening and its ~60 participants signed up."""
    hub_dir = tmp_path / "hub"
    seed(hub_dir)
    return hub_dir


# --- hubs ----------------------------------------------------------------------------------------


@pytest.fixture
def hub(tmp_path: Path):
    """An empty hub in ``tmp_path/hub``: no evening planned, nobody signed up."""
    hub = Hub(tmp_path / "hub")
    yield hub
    hub.close()


@pytest.fixture
def sagene_hub(hub: Hub) -> Hub:
    """``hub`` with Sagene IF (voluntary, with its contact person) and Bydel Sagene (public)."""
    sign_up_sagene(hub)
    return hub


@pytest.fixture
def seeded_hub(seeded_hub_dir: Path):
    """A hub on the demo evening: planned around now, its ~60 participants signed up."""
    hub = Hub(seeded_hub_dir)
    yield hub
    hub.close()


# --- kiosks --------------------------------------------------------------------------------------


@pytest.fixture
def kiosk(tmp_path: Path, sagene_hub: Hub):
    """A tablet in ``tmp_path/kiosk`` that has pulled ``sagene_hub``'s log."""
    kiosk = Kiosk(tmp_path / "kiosk")
    pull(kiosk, sagene_hub)
    yield kiosk
    kiosk.close()


@pytest.fixture
def kiosk_client(kiosk: Kiosk):
    """The tablet's own browser on the kiosk app (no CSRF token sent: an API client)."""
    return kiosk_web.create_app(kiosk).test_client()


# --- the hub's web app ---------------------------------------------------------------------------


@pytest.fixture
def hub_app(hub: Hub):
    """The hub's web app on ``hub``, as the test's other fixtures filled it."""
    return hub_web.create_app(hub)


@pytest.fixture
def organiser(hub_app, hub: Hub):
    """A test client of ``hub_app``, logged in as the organiser through the login form."""
    return login_test_client(hub_app.test_client(), hub.data_dir)


@pytest.fixture
def sync_client(hub_app, hub: Hub, kiosk: Kiosk) -> SealedSync:
    """The ``kiosk``, paired with the hub: its sync requests are sealed for it."""
    return SealedSync(hub_app.test_client(), hub, str(kiosk.device_id))


@pytest.fixture
def seeded_app(seeded_hub: Hub):
    """The hub's web app on the demo evening."""
    return hub_web.create_app(seeded_hub, {"TESTING": True})


@pytest.fixture
def seeded_organiser(seeded_app, seeded_hub: Hub):
    """The organiser, logged in on the demo evening's hub through the login form."""
    return login_test_client(seeded_app.test_client(), seeded_hub.data_dir)


@pytest.fixture
def seeded_guest(seeded_app):
    """A browser on the demo evening's hub that is not logged in: the stage screen, a phone."""
    return seeded_app.test_client()


# --- journals ------------------------------------------------------------------------------------


@pytest.fixture
def venue() -> Venue:
    """A hub and two tablets as bare journals, with four participants signed up."""
    return Venue()
