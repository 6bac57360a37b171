"""What the tablet says about itself is true (issue 11, item 13): "connected" only while the hub
answers, a paired tablet's pairing page does not ask to be paired, and ``/lock`` asks for no PIN
that was never chosen."""

from __future__ import annotations

import os
import signal
import time

import requests

from tests.support.processes import wait_until


def state(kiosk_url: str) -> str:
    return requests.get(f"{kiosk_url}/api/status", timeout=3).json()["state"]


def test_connected_stops_soon_after_the_hub_stops_answering(programs, seeded_hub_dir, tmp_path):
    hub = programs.hub(seeded_hub_dir)
    kiosk = programs.kiosk(tmp_path / "kiosk", hub.url)
    wait_until(lambda: state(kiosk.url) == "online", timeout=15)
    stopped = time.monotonic()
    os.kill(hub.process.pid, signal.SIGSTOP)  # the hub hangs: takes connections, answers nothing
    try:
        wait_until(lambda: state(kiosk.url) == "offline", timeout=8)
        took = time.monotonic() - stopped
        assert took < 5.0, f"said 'connected' for {took:.1f} s after the hub went quiet"
        page = requests.get(kiosk.url + "/status", timeout=3).text
        assert "Tilkoblet huben" not in page and "Frakoblet" in page
    finally:
        os.kill(hub.process.pid, signal.SIGCONT)
    wait_until(lambda: state(kiosk.url) == "online", timeout=15)

    pairing = requests.get(kiosk.url + "/pair", timeout=3).text
    assert 'data-testid="paired-with"' in pairing
    assert "må kobles til huben" not in pairing and 'data-testid="must-pair"' not in pairing


def test_a_tablet_without_a_pin_does_not_ask_for_one(kiosk_client):
    page = kiosk_client.get("/lock").get_data(as_text=True)
    assert 'data-testid="no-pin"' in page and "Ingen PIN er valgt" in page
    assert 'name="pin"' not in page


def test_an_unpaired_tablet_is_asked_to_pair(kiosk_client):
    page = kiosk_client.get("/pair").get_data(as_text=True)
    assert 'data-testid="must-pair"' in page and 'data-testid="paired-with"' not in page
