"""``bors demo``, the first command a newcomer runs: it starts, says what to open, stops."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time

import requests

from tests.support.processes import ROOT, free_port, wait_until


def test_the_demo_runs_a_hub_two_kiosks_and_the_screen_then_stops_on_ctrl_c(tmp_path):
    port = free_port()
    log = tmp_path / "demo.log"
    with open(log, "wb") as out:
        demo = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bors.cli",
                "demo",
                "--data",
                str(tmp_path / "demo"),
                "--port",
                str(port),
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        text = wait_until(lambda: "Press Ctrl-C" in log.read_text() and log.read_text(), 60)
        urls = dict(re.findall(r"^\s+([^:\n]+):\s+(http://\S+)", text, re.MULTILINE))
        assert set(urls) >= {
            "Organiser (hub)",
            "Live stage screen",
            "Kiosk, Nettbrett 1",
            "Kiosk, Nettbrett 2",
        }, text
        assert re.search(r"\((\d+) participants\)", text).group(1) == "60"

        for name in ("Live stage screen", "Kiosk, Nettbrett 1", "Kiosk, Nettbrett 2"):
            page = requests.get(urls[name], timeout=5)
            assert page.status_code == 200, (name, page.status_code)
            assert "<!doctype html>" in page.text.lower()
        stats = requests.get(f"http://127.0.0.1:{port}/api/stats", timeout=5).json()
        assert stats["participants"] == 60
        # The demo starts with deals, so the organiser's pages are not empty at first.
        assert stats["deals"] >= 12, stats
        assert "password" in next(line for line in text.splitlines() if "MC's view" in line)
        # The demo strikes the opening gong itself, so the screen counts down at once.
        assert (
            "Frivilligbørs Nordre Aker" in requests.get(urls["Live stage screen"], timeout=5).text
        )
        # Both tablets are paired and in contact with the hub, with the participants copied.
        for number in (1, 2):
            kiosk = urls[f"Kiosk, Nettbrett {number}"].rstrip("/")
            wait_until(
                lambda kiosk=kiosk: (
                    requests.get(f"{kiosk}/api/status", timeout=2).json()["state"] == "online"
                ),
                20,
            )
            found = requests.get(f"{kiosk}/api/participants?q=a", timeout=2).json()
            assert found["participants"], found

        demo.send_signal(signal.SIGINT)
        assert demo.wait(timeout=30) == 0
        assert "demo stopped" in log.read_text()
        time.sleep(0.2)
        for name in ("Organiser (hub)", "Kiosk, Nettbrett 1", "Kiosk, Nettbrett 2"):
            try:
                requests.get(urls[name], timeout=1)
            except requests.ConnectionError:
                continue
            raise AssertionError(f"{name} still answers after Ctrl-C")
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait(timeout=10)
