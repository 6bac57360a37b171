"""Promise 6 on the wire: only paired devices sync, and a stranger on the Wi-Fi learns nothing.

Real ``bors`` processes on loopback. Between a kiosk and its hub sits a recording relay
(:mod:`tests.support.wiretap`), standing for someone sniffing the open venue Wi-Fi: the bytes
it keeps are what such a person sees, and what they can send again.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import requests
from nacl.public import Box, PrivateKey

from bors.demo_data import demo_participants
from kiosk import pairing
from shared.sync import envelope
from tests.support.auth import csrf_token_in, login_session
from tests.support.pairing import new_code
from tests.support.processes import ROOT, Programs, free_port, wait_until

pytestmark = pytest.mark.slow

EMAIL = re.compile(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
BROKER_EMAIL = "kari.nordmann@example.org"


def deal(a: str, b: str, broker: str = "Kari") -> dict:
    return {
        "parties": [
            {"participant_id": a, "gives": "Lokale hver tirsdag"},
            {"participant_id": b, "gives": "Kurs i førstehjelp"},
        ],
        "category": "premises",
        "kind": "mutual",
        "deadline": "2027-03-01",
        "broker": broker,
    }


def stats(hub_url: str) -> dict:
    return requests.get(f"{hub_url}/api/stats", timeout=3).json()


def kiosk_status(kiosk_url: str) -> dict:
    return requests.get(f"{kiosk_url}/api/status", timeout=3).json()


def two_participants(kiosk_url: str) -> list[str]:
    found = wait_until(
        lambda: requests.get(f"{kiosk_url}/api/participants?q=a", timeout=3).json()["participants"]
    )
    return [found[0]["id"], found[1]["id"]]


def captured_requests(capture: bytes, method: str, path: str) -> list[tuple[str, bytes]]:
    """(target, body) of every request for ``path`` in a raw capture of HTTP/1.1 traffic."""
    found = []
    pattern = re.compile(
        rb"%s (%s\S*) HTTP/1\.1\r\n(.*?)\r\n\r\n" % (method.encode(), re.escape(path.encode())),
        re.S,
    )
    for match in pattern.finditer(capture):
        headers = match.group(2).decode("latin-1").lower()
        length = re.search(r"content-length: (\d+)", headers)
        size = int(length.group(1)) if length else 0
        found.append((match.group(1).decode(), capture[match.end() : match.end() + size]))
    return found


# --- a tapped evening ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tapped(tmp_path_factory):
    """A seeded hub, a wiretap in front of it, a kiosk paired and syncing through the tap."""
    from bors.demo import seed

    base = tmp_path_factory.mktemp("tapped")
    programs = Programs(base)
    hub_dir = base / "hub"
    seed(hub_dir)
    hub = programs.hub(hub_dir)
    capture = base / "wire.bin"
    tap_port = free_port()
    tap = subprocess.Popen(
        [sys.executable, "-m", "tests.support.wiretap", str(tap_port), str(hub.port), str(capture)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert tap.stdout.readline().strip() == "wiretap ready"
        tap_url = f"http://127.0.0.1:{tap_port}"
        kiosk = programs.kiosk(base / "kiosk", tap_url, hub_data=hub_dir)
        a, b = two_participants(kiosk.url)
        saved = requests.post(
            f"{kiosk.url}/api/deals", json=deal(a, b, broker=BROKER_EMAIL), timeout=5
        )
        assert saved.status_code == 201, saved.text
        wait_until(lambda: stats(hub.url)["deals"] == 1, timeout=15)
        wait_until(lambda: kiosk_status(kiosk.url)["pending"] == 0)
        yield {"hub": hub, "kiosk": kiosk, "capture": capture.read_bytes(), "hub_dir": hub_dir}
    finally:
        tap.kill()
        tap.wait(timeout=5)
        tap.stdout.close()
        programs.stop_all()


def test_captured_sync_traffic_shows_no_email_and_no_names(tapped):
    wire = tapped["capture"]
    assert captured_requests(wire, "POST", "/api/sync/push"), "the tap saw no push"
    assert captured_requests(wire, "GET", "/api/sync/pull"), "the tap saw no pull"
    # The broker typed an email address into a deal, and the hub's log names every participant
    # (their contact details are sealed in it besides): none of it may cross the air readable.
    assert EMAIL.findall(wire) == []
    assert BROKER_EMAIL.encode() not in wire
    names = [p["name"].encode() for p in demo_participants()]
    assert [n for n in names if n in wire] == []
    assert "Kurs i førstehjelp".encode() not in wire


def test_a_captured_push_sent_again_is_refused(tapped):
    hub = tapped["hub"]
    before = stats(hub.url)
    _, body = captured_requests(tapped["capture"], "POST", "/api/sync/push")[-1]
    again = requests.post(
        f"{hub.url}/api/sync/push",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=5,
    )
    assert (again.status_code, again.json()["error"]) == (409, "replayed")
    target, _ = captured_requests(tapped["capture"], "GET", "/api/sync/pull")[-1]
    pulled = requests.get(f"{hub.url}{target}", timeout=5)
    assert (pulled.status_code, pulled.json()["error"]) == (409, "replayed")
    assert stats(hub.url)["deals"] == before["deals"]


@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_a_tampered_push_is_refused(tapped, where):
    hub = tapped["hub"]
    before = stats(hub.url)
    _, body = captured_requests(tapped["capture"], "POST", "/api/sync/push")[-1]
    outer = json.loads(body)
    sealed = bytearray(base64.urlsafe_b64decode(outer["box"]))
    index = {"start": 30, "middle": len(sealed) // 2, "end": len(sealed) - 1}[where]
    sealed[index] ^= 0x01
    outer["box"] = base64.urlsafe_b64encode(bytes(sealed)).decode()
    answer = requests.post(f"{hub.url}/api/sync/push", json=outer, timeout=5)
    assert (answer.status_code, answer.json()["error"]) == (401, "bad_seal")
    assert stats(hub.url)["deals"] == before["deals"]


def test_a_push_sealed_with_a_key_of_ones_own_is_refused(tapped):
    """A stranger who knows a paired tablet's id (it is on the wire) cannot speak for it."""
    hub = tapped["hub"]
    device = pairing.load(tapped["kiosk"].data).device_id
    stranger = Box(PrivateKey.generate(), PrivateKey.generate().public_key)
    forged = envelope.seal_request(
        stranger, device, "/api/sync/push", 2**62, {"device": device, "events": []}
    )
    answer = requests.post(f"{hub.url}/api/sync/push", json=forged, timeout=5)
    assert (answer.status_code, answer.json()["error"]) == (401, "bad_seal")


# --- paired, unpaired, revoked -------------------------------------------------------------------


def test_an_unpaired_kiosk_does_not_sync_and_says_so(programs, seeded_hub_dir, tmp_path):
    hub = programs.hub(seeded_hub_dir)
    kiosk = programs.kiosk(tmp_path / "kiosk", hub.url, paired=False)
    status = wait_until(lambda: (s := kiosk_status(kiosk.url))["state"] == "unpaired" and s)
    assert status["error_code"] == "device_not_paired"
    page = requests.get(f"{kiosk.url}/", timeout=3).text
    assert 'data-testid="unpaired"' in page and 'href="/pair"' in page
    # An unpaired tablet has not even the participant list: nothing was pulled.
    assert requests.get(f"{kiosk.url}/api/participants?q=a", timeout=3).json()["participants"] == []

    # A device the hub never paired, sending a well-formed sealed push, is refused by code.
    device = str(uuid.uuid4())
    box = Box(PrivateKey.generate(), PrivateKey.generate().public_key)
    push = envelope.seal_request(box, device, "/api/sync/push", 1, {"device": device, "events": []})
    answer = requests.post(f"{hub.url}/api/sync/push", json=push, timeout=5)
    assert (answer.status_code, answer.json()["error"]) == (401, "device_not_paired")
    # And the old, unsealed form of a push is no way round it.
    plain = requests.post(
        f"{hub.url}/api/sync/push", json={"device": device, "events": []}, timeout=5
    )
    assert plain.status_code in (400, 401) and stats(hub.url)["deals"] == 0


def test_a_revoked_kiosk_is_refused_and_its_later_deals_stay_out(
    programs, seeded_hub_dir, tmp_path
):
    hub = programs.hub(seeded_hub_dir)
    kiosk = programs.kiosk(tmp_path / "kiosk", hub.url)
    a, b = two_participants(kiosk.url)
    requests.post(f"{kiosk.url}/api/deals", json=deal(a, b), timeout=5)
    wait_until(lambda: stats(hub.url)["deals"] == 1)

    device = pairing.load(kiosk.data).device_id
    with login_session(hub.url) as organiser:
        page = organiser.get(f"{hub.url}/devices", timeout=3)
        assert device in page.text
        revoked = organiser.post(
            f"{hub.url}/devices/{device}/revoke",
            data={"csrf_token": csrf_token_in(page.text), "confirmed": "yes"},
            timeout=5,
        )
    assert revoked.status_code == 200 and "devices.revoked" not in revoked.text

    requests.post(f"{kiosk.url}/api/deals", json=deal(b, a), timeout=5)
    status = wait_until(
        lambda: (s := kiosk_status(kiosk.url))["error_code"] == "device_revoked" and s,
        timeout=15,
    )
    assert status["state"] == "refused" and status["pending"] == 1
    assert stats(hub.url)["deals"] == 1


def test_a_pairing_code_works_once(programs, tmp_path):
    hub = programs.hub(tmp_path / "hub")
    code = new_code(hub.data)
    pairing.pair(tmp_path / "k1", str(uuid.uuid4()), hub.url, code)
    with pytest.raises(pairing.PairingFailed) as second:
        pairing.pair(tmp_path / "k2", str(uuid.uuid4()), hub.url, code)
    assert second.value.code == "pairing_code_wrong"


def test_wrong_pairing_codes_are_rate_limited(programs, tmp_path):
    hub = programs.hub(tmp_path / "hub")
    code = new_code(hub.data)
    wrong = f"{(int(code.replace('-', '')) + 1) % 10**8:08d}"
    answers = []
    for _ in range(5):
        with pytest.raises(pairing.PairingFailed) as failed:
            pairing.pair(tmp_path / "guess", str(uuid.uuid4()), hub.url, wrong)
        answers.append(failed.value.code)
    assert answers == ["pairing_code_wrong"] * 5
    # Now even the right code waits: guessing 10^8 codes at this pace takes decades.
    with pytest.raises(pairing.PairingFailed) as paused:
        pairing.pair(tmp_path / "k1", str(uuid.uuid4()), hub.url, code)
    assert paused.value.code == "pairing_rate_limited"
    assert not (tmp_path / "k1" / pairing.FILE).exists()


def test_pairing_from_the_command_line_then_syncing(programs, seeded_hub_dir, tmp_path):
    hub = programs.hub(seeded_hub_dir)
    printed = subprocess.run(
        [sys.executable, "-m", "bors.cli", "hub", "pair-code", "--data", str(seeded_hub_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    code = re.search(r"pairing code: (\d{4}-\d{4})", printed).group(1)
    fingerprint = re.search(r"key ([a-z2-7]{16})", printed).group(1)
    kiosk_dir = tmp_path / "kiosk"
    # The tablet is already running, unpaired, when the broker pairs it from the command line.
    kiosk = programs.kiosk(kiosk_dir, hub.url, paired=False)
    wait_until(lambda: kiosk_status(kiosk.url)["state"] == "unpaired")
    paired = subprocess.run(
        [
            sys.executable,
            "-m",
            "bors.cli",
            "kiosk",
            "pair",
            "--data",
            str(kiosk_dir),
            "--hub",
            hub.url,
            "--code",
            code,
            "--fingerprint",
            fingerprint,
            "--name",
            "Nettbrett 3",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert paired.returncode == 0, paired.stderr
    wait_until(lambda: kiosk_status(kiosk.url)["state"] == "online", timeout=10)
    with login_session(hub.url) as organiser:
        devices = organiser.get(f"{hub.url}/devices", timeout=3).text
    assert "Nettbrett 3" in devices


def test_a_kiosk_refuses_a_hub_whose_key_differs_from_the_fingerprint(programs, tmp_path):
    hub = programs.hub(tmp_path / "hub")
    with pytest.raises(pairing.PairingFailed) as failed:
        pairing.pair(tmp_path / "k", str(uuid.uuid4()), hub.url, new_code(hub.data), "a" * 16)
    assert failed.value.code == "hub_fingerprint_mismatch"
    assert pairing.load(Path(tmp_path / "k")) is None
