"""The last minute, between real processes: a burst of deals from two tablets while screens
poll, the closing gong from the controls page, and deals that arrive after it."""

from __future__ import annotations

import threading
from pathlib import Path

import requests

from bors.demo import seed
from hub.service import Hub
from hub.stage import service as stage_actions
from tests.support.auth import login_session
from tests.support.deals import deal_payload
from tests.support.processes import wait_until


def test_a_burst_before_the_gong_counts_and_deals_after_it_are_late_not_lost(
    programs, tmp_path: Path
):
    hub_dir = tmp_path / "hub"
    seed(hub_dir)
    h = Hub(hub_dir)
    try:
        stage_actions.open_hour(h)
        ids = sorted(h.evening.participants)
    finally:
        h.close()
    hub = programs.hub(hub_dir)
    kiosks = [programs.kiosk(tmp_path / f"k{i}", hub.url) for i in (1, 2)]
    for kiosk in kiosks:
        wait_until(
            lambda k=kiosk: requests.get(f"{k.url}/api/participants?q=a", timeout=2).json()[
                "participants"
            ]
        )

    failures: list[str] = []
    done = threading.Event()

    def watch_screen() -> None:
        key = ""
        session = requests.Session()
        while not done.is_set():
            answer = session.get(f"{hub.url}/screen/live", params={"v": key}, timeout=5)
            if answer.status_code not in (200, 204):
                failures.append(f"screen answered {answer.status_code}")
            elif answer.status_code == 200:
                key = answer.text.split('data-key="')[1].split('"')[0]

    def broker(kiosk, offset: int) -> None:
        for i in range(20):
            a, b = ids[(offset + i) % len(ids)], ids[(offset + i + 7) % len(ids)]
            answer = requests.post(
                f"{kiosk.url}/api/deals",
                json=deal_payload(a, b, category="volunteering"),
                timeout=10,
            )
            if answer.status_code != 201:
                failures.append(f"kiosk answered {answer.status_code}")

    watchers = [threading.Thread(target=watch_screen) for _ in range(3)]
    brokers = [threading.Thread(target=broker, args=(k, n * 20)) for n, k in enumerate(kiosks)]
    for thread in watchers + brokers:
        thread.start()
    for thread in brokers:
        thread.join()
    wait_until(lambda: requests.get(f"{hub.url}/api/stats", timeout=2).json()["deals"] == 40)
    done.set()
    for thread in watchers:
        thread.join()
    assert failures == []

    organiser = login_session(hub.url)
    closed = organiser.post(
        f"{hub.url}/controls/gong", data={"action": "close", "confirmed": "yes"}, timeout=5
    )
    assert closed.status_code == 200  # followed the redirect back to the controls page

    for i in range(3):
        saved = requests.post(
            f"{kiosks[0].url}/api/deals",
            json=deal_payload(ids[i], ids[-1 - i], category="volunteering"),
            timeout=10,
        )
        assert saved.status_code == 201
    wait_until(lambda: requests.get(f"{hub.url}/api/stats", timeout=2).json()["deals"] == 43)

    public = requests.get(f"{hub.url}/count.json", timeout=2).json()
    assert (public["phase"], public["deals"], public["late"]) == ("after", 40, 3)
    records = organiser.get(f"{hub.url}/records", timeout=5).text
    assert "<td>40</td>" in records  # the figure kept at the gong
