"""The venue LAN harness (tests/venue/lan.py): namespaces, links, impairments, mDNS, cleanup."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.venue.lan import (
    Host,
    VenueLAN,
    list_namespaces,
    netns_available,
    read_line,
    tc_netem_available,
)

pytestmark = pytest.mark.netns

REPO = Path(__file__).resolve().parents[2]
PY = sys.executable
PORT = 8765

ECHO_SERVER = r"""
import socket, sys
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind((sys.argv[1], int(sys.argv[2])))
srv.listen(16)
print("ready", flush=True)
while True:
    conn, _ = srv.accept()
    with conn:
        conn.settimeout(5)
        try:
            while data := conn.recv(65536):
                conn.sendall(data)
        except OSError:
            pass
"""

ECHO_CLIENT = r"""
import json, socket, sys, time
ip, port, timeout = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
try:
    t0 = time.monotonic()
    with socket.create_connection((ip, port), timeout=timeout) as sock:
        t1 = time.monotonic()
        sock.sendall(b"ping")
        data = sock.recv(64)
        t2 = time.monotonic()
    print(json.dumps({"ok": data == b"ping", "connect": t1 - t0, "rtt": t2 - t1}))
except OSError as exc:
    print(json.dumps({"ok": False, "error": repr(exc)}))
"""

ZC_REGISTER = r"""
import socket, sys, time
from zeroconf import ServiceInfo, Zeroconf
ip = sys.argv[1]
zc = Zeroconf(interfaces=[ip])
info = ServiceInfo(
    "_frivilligbors._tcp.local.",
    "Test hub._frivilligbors._tcp.local.",
    addresses=[socket.inet_aton(ip)],
    port=8080,
    properties={"role": "hub"},
    server="test-hub.local.",
)
zc.register_service(info)
print("registered", flush=True)
time.sleep(60)
"""

ZC_BROWSE = r"""
import sys, threading
from zeroconf import ServiceBrowser, ServiceStateChange, Zeroconf
ip, wait = sys.argv[1], float(sys.argv[2])
TYPE = "_frivilligbors._tcp.local."
found, event = [], threading.Event()
def on_change(zeroconf, service_type, name, state_change):
    if state_change is ServiceStateChange.Added:
        found.append(name)
        event.set()
zc = Zeroconf(interfaces=[ip])
try:
    browser = ServiceBrowser(zc, TYPE, handlers=[on_change])
    if not event.wait(wait):
        print("nothing found")
        sys.exit(1)
    info = zc.get_service_info(TYPE, found[0], timeout=3000)
    print(found[0])
    print(" ".join(info.parsed_addresses()) if info else "no info")
    browser.cancel()
finally:
    zc.close()
"""

SLEEPER = "import time; time.sleep(120)"


@pytest.fixture(scope="module", autouse=True)
def _needs_netns() -> None:
    ok, why = netns_available()
    if not ok:
        pytest.skip(
            f"VENUE LAN TESTS SKIPPED: {why}. They need root on Linux with iproute2 "
            "(network namespaces, veth, bridge)."
        )


@pytest.fixture
def lan():
    with VenueLAN(kill_grace=0.5) as venue:
        yield venue


def start_echo(host: Host) -> subprocess.Popen:
    proc = host.popen([PY, "-c", ECHO_SERVER, host.ip, PORT], stdout=subprocess.PIPE)
    assert read_line(proc, timeout=10) == "ready", f"echo server on {host} did not start"
    return proc


def probe(client: Host, server: Host, timeout: float = 1.0) -> dict:
    """One TCP connect + echo round trip from *client* to *server*'s echo server."""
    cp = client.run([PY, "-c", ECHO_CLIENT, server.ip, PORT, timeout], timeout=timeout + 10)
    assert cp.returncode == 0, cp.stderr
    return json.loads(cp.stdout)


def probe_until_ok(client: Host, server: Host, within: float = 5.0) -> dict:
    deadline = time.monotonic() + within
    while True:
        result = probe(client, server)
        if result["ok"] or time.monotonic() > deadline:
            return result


def process_alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(errors="replace")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def root_links() -> set[str]:
    out = subprocess.run(["ip", "-br", "link"], capture_output=True, text=True, check=True).stdout
    return {line.split()[0] for line in out.splitlines() if line.strip()}


def test_two_hosts_reach_each_other(lan):
    a, b = lan.add_host("a"), lan.add_host("b")
    assert (a.ip, b.ip) == (f"10.233.{lan.subnet}.1", f"10.233.{lan.subnet}.2")
    assert a.url(8080) == f"http://{a.ip}:8080"
    start_echo(a)
    start_echo(b)
    assert probe(b, a)["ok"]
    assert probe(a, b)["ok"]
    if shutil.which("ping"):
        assert a.run(["ping", "-c", "1", "-W", "1", b.ip]).returncode == 0
        assert b.run(["ping", "-c", "1", "-W", "1", a.ip]).returncode == 0


def test_cut_isolates_host_and_restore_reconnects(lan):
    a, b, c = lan.add_host("a"), lan.add_host("b"), lan.add_host("c")
    start_echo(a)
    start_echo(b)
    assert probe(a, b)["ok"]

    b.cut()
    assert b.is_cut
    assert not probe(a, b)["ok"]
    assert not probe(b, a)["ok"]
    assert probe(c, a)["ok"], "cutting one kiosk must not disturb the others"
    link = b.run(["ip", "-br", "link", "show", "eth0"]).stdout
    assert "NO-CARRIER" in link or "DOWN" in link.split()[1]

    b.restore()
    assert not b.is_cut
    assert probe_until_ok(a, b)["ok"]
    assert probe_until_ok(b, a)["ok"]


@pytest.mark.parametrize("backend", ["tc", "wire"])
def test_netem_delay_and_loss(lan, backend):
    if backend == "tc":
        ok, why = tc_netem_available()
        if not ok:
            pytest.skip(f"TC NETEM BACKEND NOT TESTED: {why} (the 'wire' backend stands in)")
    lan.netem_backend = backend
    a, b = lan.add_host("a"), lan.add_host("b")
    start_echo(a)
    before = probe(b, a)
    assert before["ok"] and before["rtt"] < 0.1, before

    assert a.netem(delay_ms=200) == backend
    slow = probe(b, a, timeout=3.0)
    assert slow["ok"], slow
    assert 0.19 <= slow["rtt"] < 1.0, slow
    assert slow["connect"] >= 0.19, slow

    a.netem(loss_pct=100)
    assert not probe(b, a, timeout=0.5)["ok"]

    a.clear_netem()
    after = probe_until_ok(b, a)
    assert after["ok"] and after["rtt"] < 0.1, after


def test_close_kills_processes_and_deletes_namespaces():
    links_before = root_links()
    with VenueLAN(kill_grace=0.3) as lan:
        a, b = lan.add_host("a"), lan.add_host("b")
        sleeper = a.popen([PY, "-c", SLEEPER])
        stubborn = b.popen(
            [
                PY,
                "-c",
                "import signal; signal.signal(signal.SIGTERM, signal.SIG_IGN);"
                "print('ready', flush=True); import time; time.sleep(120)",
            ],
            stdout=subprocess.PIPE,
        )
        parent = a.popen(
            [
                PY,
                "-c",
                "import subprocess, sys, time;"
                f"p = subprocess.Popen([sys.executable, '-c', {SLEEPER!r}]);"
                "print(p.pid, flush=True); time.sleep(120)",
            ],
            stdout=subprocess.PIPE,
        )
        grandchild = int(read_line(parent, timeout=10))
        assert read_line(stubborn, timeout=10) == "ready"
        created = lan.namespaces
        assert len(created) == 3
        assert set(created) <= set(list_namespaces())
        assert root_links() == links_before, "nothing may appear in the root namespace"

    assert sleeper.returncode == -signal.SIGTERM
    assert stubborn.returncode == -signal.SIGKILL, "SIGTERM-proof processes get SIGKILL"
    assert parent.returncode is not None
    assert not process_alive(grandchild), "the whole process group must die"
    assert stubborn.stdout.closed and parent.stdout.closed
    assert not [ns for ns in list_namespaces() if ns.startswith(lan.prefix)]
    assert root_links() == links_before


def test_close_after_an_exception_cleans_up():
    with pytest.raises(RuntimeError, match="boom"), VenueLAN() as lan:
        host = lan.add_host("kiosk1")
        proc = host.popen([PY, "-c", SLEEPER])
        raise RuntimeError("boom")
    assert proc.returncode is not None
    assert not [ns for ns in list_namespaces() if ns.startswith(lan.prefix)]


def test_lan_is_sealed_from_the_host_network(lan):
    links_before = root_links()
    hub = lan.add_host("hub")
    lan.add_host("kiosk1")
    assert root_links() == links_before
    root_addrs = subprocess.run(["ip", "addr"], capture_output=True, text=True).stdout
    assert "10.233." not in root_addrs

    links = hub.run(["ip", "-br", "link"]).stdout
    assert sorted(line.split()[0].split("@")[0] for line in links.splitlines()) == ["eth0", "lo"]
    routes = hub.run(["ip", "-4", "route"]).stdout
    assert "default" not in routes
    assert sorted(line.split()[0] for line in routes.splitlines()) == [
        lan.network,
        "224.0.0.0/4",
    ]
    switch_addrs = subprocess.run(
        ["ip", "-n", lan.switch, "addr"], capture_output=True, text=True, check=True
    ).stdout
    inet = [line.split()[1] for line in switch_addrs.splitlines() if "inet" in line]
    assert inet == ["127.0.0.1/8"], "the switch must have no address on the venue LAN"


def test_zeroconf_finds_the_hub_across_hosts(lan):
    hub, kiosk = lan.add_host("hub"), lan.add_host("kiosk1")
    register = hub.popen([PY, "-c", ZC_REGISTER, hub.ip], stdout=subprocess.PIPE)
    assert read_line(register, timeout=15) == "registered", "the hub could not register"
    browse = kiosk.run([PY, "-c", ZC_BROWSE, kiosk.ip, 8], timeout=20)
    assert browse.returncode == 0, browse.stdout + browse.stderr
    name, addresses = browse.stdout.splitlines()[:2]
    assert name == "Test hub._frivilligbors._tcp.local."
    assert addresses.split() == [hub.ip]


def test_cleanup_stale_removes_a_crashed_run():
    crash = (
        f"import os, signal, sys; sys.path.insert(0, {str(REPO)!r});"
        "from tests.venue.lan import VenueLAN;"
        "lan = VenueLAN().start(); host = lan.add_host('kiosk1');"
        f"host.popen([sys.executable, '-c', {SLEEPER!r}], stdout=-3, stderr=-3);"
        "print(lan.prefix, flush=True); os.kill(os.getpid(), signal.SIGKILL)"
    )
    cp = subprocess.run([PY, "-c", crash], capture_output=True, text=True, timeout=30)
    assert cp.returncode == -signal.SIGKILL, cp.stderr
    prefix = cp.stdout.strip()
    leftovers = [ns for ns in list_namespaces() if ns.startswith(prefix + "-")]
    assert len(leftovers) == 2, leftovers
    orphans = subprocess.run(
        ["ip", "netns", "pids", f"{prefix}-kiosk1"], capture_output=True, text=True
    ).stdout.split()
    assert orphans, "the crashed run's process should still be running in its namespace"

    with VenueLAN() as live:  # a live LAN of ours must survive the sweep
        live.add_host("hub")
        removed = VenueLAN.cleanup_stale()
        # (A parallel run's sweep may have deleted some of the leftovers first.)
        assert not set(leftovers) & set(list_namespaces()), removed
        assert not set(live.namespaces) & set(removed)
        assert set(live.namespaces) <= set(list_namespaces())
    assert not [ns for ns in list_namespaces() if ns.startswith(prefix)]
    assert not [pid for pid in orphans if process_alive(int(pid))]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_command_line_builds_and_tears_down(sig):
    proc = subprocess.Popen(
        [PY, "-m", "tests.venue.lan", "--kiosks", "2"],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        lines = []
        while not lines or not lines[-1].startswith("Press Ctrl-C"):
            line = read_line(proc, timeout=15)
            assert line, f"CLI stopped early: {lines}"
            lines.append(line)
        prefix = lines[0].split()[2].rstrip(":")
        namespaces = [ns for ns in list_namespaces() if ns.startswith(prefix + "-")]
        assert sorted(namespaces) == sorted(
            f"{prefix}-{n}" for n in ("switch", "hub", "kiosk1", "kiosk2")
        )
        assert any(f"ip netns exec {prefix}-kiosk2 bash" in line for line in lines)
        proc.send_signal(sig)
        proc.wait(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode in (0, -signal.SIGTERM)
    assert not [ns for ns in list_namespaces() if ns.startswith(prefix)]
