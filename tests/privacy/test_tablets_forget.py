"""A tablet forgets a closed evening: when the hub says so (once everything the tablet wrote is
at the hub), or on command (``bors kiosk forget``). Its files keep every event, rewritten."""

from __future__ import annotations

import subprocess
import sys

import requests

from hub.service import Hub
from kiosk.privacy import forget
from shared.privacy.redaction import ERASED_NAME
from tests.privacy.conftest import SAGENE, TURBO, WALK_IN, files_holding, fill
from tests.support.auth import csrf_token_in, login_session
from tests.support.processes import ROOT, wait_until
from tests.support.sync import deal, pull, push


def test_the_hubs_order_makes_the_tablet_forget_every_profile(tablet_evening):
    hub, kiosk = tablet_evening.hub, tablet_evening.kiosk
    assert files_holding(kiosk.data_dir, SAGENE["name"], WALK_IN)
    sequence = kiosk.journal.version
    hub.record("tell_tablets_to_forget", "Frivilligbørs Sagene")
    pull(kiosk, hub)
    assert files_holding(kiosk.data_dir, SAGENE["name"], TURBO["name"], WALK_IN) == {}
    assert kiosk.evening.participants[tablet_evening.sagene].name == ERASED_NAME
    assert kiosk.journal.version == sequence  # nothing removed: the sequence goes on
    assert kiosk.evening.stats()["deals"] == hub.evening.stats()["deals"]
    # The hub still knows them: forgetting is the tablet's alone.
    assert hub.evening.participants[tablet_evening.sagene].name == SAGENE["name"]


def test_a_tablet_with_unsent_deals_forgets_only_once_they_are_at_the_hub(tablet_evening):
    hub, kiosk = tablet_evening.hub, tablet_evening.kiosk
    kiosk.register_deal(deal(tablet_evening.sagene, tablet_evening.turbo, category="equipment"))
    hub.record("tell_tablets_to_forget", "Frivilligbørs Sagene")
    pull(kiosk, hub)
    assert files_holding(kiosk.data_dir, SAGENE["name"])  # waits: a deal is not at the hub yet
    push(kiosk, hub)
    pull(kiosk, hub)  # its own events come back in the hub's log: nothing waits now
    assert files_holding(kiosk.data_dir, SAGENE["name"], WALK_IN) == {}


def test_bors_kiosk_forget_refuses_while_deals_wait_then_forgets(tablet_evening):
    kiosk = tablet_evening.kiosk
    kiosk.register_deal(deal(tablet_evening.sagene, tablet_evening.turbo, category="equipment"))
    data = kiosk.data_dir
    command = [sys.executable, "-m", "bors.cli", "kiosk", "forget", "--data", str(data)]
    refused = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 1 and "not yet at the hub" in refused.stderr
    assert files_holding(data, SAGENE["name"])
    done = subprocess.run(
        [*command, "--force"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert files_holding(data, SAGENE["name"], TURBO["name"], WALK_IN) == {}


def test_forget_is_idempotent(tablet_evening):
    kiosk = tablet_evening.kiosk
    forget(kiosk)
    assert forget(kiosk) == 0


def test_a_running_tablet_forgets_when_the_organiser_closes_the_evening(programs, tmp_path):
    seeded = Hub(tmp_path / "hub")
    fill(seeded)
    seeded.close()
    hub = programs.hub(tmp_path / "hub")
    kiosk = programs.kiosk(tmp_path / "kiosk", hub.url)
    wait_until(lambda: files_holding(tmp_path / "kiosk", SAGENE["name"]), timeout=20)
    organiser = login_session(hub.url)
    page = organiser.get(f"{hub.url}/privacy/consents", timeout=5)
    token = csrf_token_in(page.text)
    answer = organiser.post(
        f"{hub.url}/privacy/tablets/forget",
        data={"confirm": "yes", "csrf_token": token},
        timeout=10,
        allow_redirects=False,
    )
    assert answer.status_code == 303 and "forget_sent" in answer.headers["Location"]
    names = (SAGENE["name"], TURBO["name"], WALK_IN)
    wait_until(lambda: not files_holding(tmp_path / "kiosk", *names), timeout=20)
    shown = requests_names(kiosk.url)
    assert SAGENE["name"] not in shown and ERASED_NAME in shown
    assert files_holding(tmp_path / "hub", SAGENE["name"])  # the hub keeps its register


def requests_names(kiosk_url: str) -> set[str]:
    answer = requests.get(f"{kiosk_url}/api/participants", params={"q": "e"}, timeout=5)
    return {p["name"] for p in answer.json()["participants"]}
