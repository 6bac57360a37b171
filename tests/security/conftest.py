"""The security room's fixtures: a hub and a kiosk as someone on the venue Wi-Fi meets them.

A Flask test client stands for a browser; ``REMOTE_ADDR`` says where it sits (the laptop's
loopback, or a guest's phone on the LAN) and the ``Host`` header what name it asked for.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import hub as hub_web
import kiosk as kiosk_web
from hub.service import Hub
from kiosk.service import Kiosk
from tests.support.auth import ensure_password, login_test_client
from tests.support.evenings import sign_up_sagene
from tests.support.sync import pull

GUEST = "192.168.77.23"  # a phone on the venue Wi-Fi: not one of this machine's addresses


@pytest.fixture
def hub(tmp_path: Path):
    hub = Hub(tmp_path / "hub")
    sign_up_sagene(hub)
    ensure_password(hub.data_dir)
    yield hub
    hub.close()


@pytest.fixture
def hub_app(hub: Hub):
    return hub_web.create_app(hub)


@pytest.fixture
def remote_hub_app(hub: Hub):
    """The hub as run with ``--allow-remote-admin``: the login is open to the LAN."""
    return hub_web.create_app(hub, {"ALLOW_REMOTE_ADMIN": True})


@pytest.fixture
def organiser(hub_app, hub: Hub):
    return login_test_client(hub_app.test_client(), hub.data_dir)


def guest_client(app):
    """A browser on a guest's phone: another address on the LAN."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = GUEST
    return client


@pytest.fixture
def kiosk(tmp_path: Path, hub: Hub):
    kiosk = Kiosk(tmp_path / "kiosk")
    pull(kiosk, hub)
    yield kiosk
    kiosk.close()


@pytest.fixture
def kiosk_app(kiosk: Kiosk):
    return kiosk_web.create_app(kiosk)


def page_token(client, path: str = "/") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
