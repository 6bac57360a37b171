"""Real ``bors hub`` and ``bors kiosk`` programs on the venue LAN (:mod:`tests.venue.lan`).

Each program runs in its host's network namespace, listens on the host's LAN address and finds
the others the way it would at a venue: the hub advertises itself by zeroconf on its address,
a kiosk started without ``--hub`` browses for it on its own (``--lan-address``). zeroconf only
ever runs inside the namespaces, never in the test's own (root) namespace.

A program can be killed (SIGKILL by default) and started again on the same data folder, which
is how the chaos scenario plays a laptop pulled from the wall or a tablet that crashed. Its
output goes to a log file per start, kept for the test's report.

The test talks HTTP to a program from its own process: :meth:`BorsProgram.call` runs the
request on a worker thread moved into the host's namespace (:meth:`Host.inside`).

    with VenueLAN() as lan:
        hub = BorsProgram.hub(lan.add_host("hub"), tmp / "hub").start()
        kiosk = BorsProgram.kiosk(lan.add_host("kiosk1"), tmp / "k1").start()
        kiosk.call("POST", "/api/deals", json=...)

For a manual trial, ``python -m tests.venue.bors --kiosks 3`` (as root) starts a seeded hub and
paired kiosks on a venue LAN and keeps them running until Ctrl-C.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import requests

from tests.venue.lan import Host

REPO = Path(__file__).resolve().parents[2]
HUB_PORT = 8400
KIOSK_PORT = 8500


class ProgramDown(RuntimeError):
    """The program is not running (killed, or exited by itself)."""


class BorsProgram:
    """One ``bors`` program on a host of the venue LAN, restartable on the same data."""

    def __init__(
        self,
        host: Host,
        kind: str,
        data: Path,
        port: int,
        extra: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
    ):
        self.host, self.kind, self.data, self.port = host, kind, Path(data), port
        self.extra = tuple(extra)
        self.env = env or {}
        self.url = host.url(port)
        self.proc: subprocess.Popen | None = None
        self.starts = 0
        self.logs: list[Path] = []
        self._local = threading.local()
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=2, thread_name_prefix=f"ns-{host.name}"
        )

    @classmethod
    def hub(cls, host: Host, data: Path, port: int = HUB_PORT, **kw) -> BorsProgram:
        return cls(host, "hub", data, port, **kw)

    @classmethod
    def kiosk(cls, host: Host, data: Path, port: int = KIOSK_PORT, **kw) -> BorsProgram:
        return cls(host, "kiosk", data, port, **kw)

    def __repr__(self) -> str:
        return f"<BorsProgram {self.kind} on {self.host.name} {self.url}>"

    # --- life ---------------------------------------------------------------------------------

    def argv(self) -> list[str]:
        argv = [sys.executable, "-m", "bors.cli", self.kind, "--data", str(self.data)]
        argv += ["--port", str(self.port), "--host", self.host.ip]
        if self.kind == "kiosk":
            argv += ["--lan-address", self.host.ip]  # find the hub by zeroconf on the LAN
        return argv + list(self.extra)

    def start(self, wait: bool = True, timeout: float = 60.0) -> BorsProgram:
        if self.alive:
            raise RuntimeError(f"{self} is already running")
        self.starts += 1
        self.data.parent.mkdir(parents=True, exist_ok=True)
        log_path = self.data.parent / f"{self.host.name}-{self.kind}-{self.starts}.log"
        self.logs.append(log_path)
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
        with open(log_path, "ab") as log:
            self.proc = self.host.popen(
                self.argv(), env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO
            )
        if wait:
            self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float = 60.0) -> None:
        ready = "/api/stats" if self.kind == "hub" else "/api/status"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive:
                raise ProgramDown(f"{self} exited ({self.returncode}):\n{self.log_tail()}")
            try:
                if self.call("GET", ready, timeout=2).ok:
                    return
            except (requests.RequestException, OSError):
                pass
            time.sleep(0.2)
        raise TimeoutError(f"{self} not ready within {timeout}s:\n{self.log_tail()}")

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    @property
    def returncode(self) -> int | None:
        return None if self.proc is None else self.proc.poll()

    def kill(self, sig: int = signal.SIGKILL) -> int | None:
        """Signal the program's process group; SIGKILL waits until it is gone."""
        if self.proc is None:
            return None
        code = self.host.kill(self.proc, sig)
        if sig != signal.SIGKILL:
            try:
                code = self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                code = self.host.kill(self.proc)
        self.host.lan._forget(self.proc)
        return code

    def stop(self) -> int | None:
        """A clean stop (SIGTERM), as an organiser closing the program would."""
        return self.kill(signal.SIGTERM)

    def restart(self, wait: bool = True) -> BorsProgram:
        self.kill()
        return self.start(wait=wait)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def log_tail(self, chars: int = 4000) -> str:
        text = ""
        for path in self.logs:
            with contextlib.suppress(OSError):
                text += f"--- {path.name}\n" + path.read_text(errors="replace")
        return text[-chars:]

    # --- talking to it --------------------------------------------------------------------------

    def call(self, method: str, path: str, timeout: float = 10.0, **kw: Any) -> requests.Response:
        """One HTTP request to the program, made from inside its host's namespace."""
        return self._pool.submit(self._request, method, path, timeout, kw).result()

    def _request(self, method: str, path: str, timeout: float, kw: dict) -> requests.Response:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        with self.host.inside():
            return session.request(method, self.url + path, timeout=timeout, **kw)

    def json(self, path: str, timeout: float = 10.0) -> Any:
        response = self.call("GET", path, timeout=timeout)
        response.raise_for_status()
        return response.json()


# --- manual trials ------------------------------------------------------------------------------


def pair(hub_dir: Path, kiosk_dir: Path, kiosk_host: Host, hub: BorsProgram) -> None:
    """Pair a tablet with the running hub as an organiser would (a one-time code), if the build
    has device pairing; the code is made on the hub's data, redeemed from the tablet's host."""
    try:
        from hub.devices.registry import issue_code
        from kiosk.pairing import pair as redeem
    except ImportError:
        return
    from shared.core.device import load_or_create_device_id

    code, _ = issue_code(hub_dir)
    kiosk_dir.mkdir(parents=True, exist_ok=True)
    device_id = str(load_or_create_device_id(kiosk_dir))
    with kiosk_host.inside():
        redeem(kiosk_dir, device_id, hub.url, code, name=f"Nettbrett {kiosk_host.name}")


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.venue.bors --kiosks 3``: a demo evening on a venue LAN, until Ctrl-C."""
    import argparse
    import tempfile

    from bors.demo import seed
    from tests.venue.lan import VenueLAN, netns_available

    parser = argparse.ArgumentParser(prog="python -m tests.venue.bors", description=main.__doc__)
    parser.add_argument("--kiosks", type=int, default=2)
    parser.add_argument("--data", help="folder for every node's data (default: a temporary one)")
    args = parser.parse_args(argv)
    ok, why = netns_available()
    if not ok:
        print(f"cannot build the venue LAN: {why}", file=sys.stderr)
        return 2
    base = Path(args.data or tempfile.mkdtemp(prefix="venue-"))
    seed(base / "hub")
    with VenueLAN() as lan:
        hub = BorsProgram.hub(lan.add_host("hub"), base / "hub").start()
        kiosks = []
        for k in range(1, args.kiosks + 1):
            host = lan.add_host(f"kiosk{k}")
            pair(base / "hub", base / f"kiosk{k}", host, hub)
            kiosks.append(BorsProgram.kiosk(host, base / f"kiosk{k}").start())
        print(f"venue LAN {lan.prefix}, data in {base}")
        for program in (hub, *kiosks):
            print(f"  {program.kind:5} {program.url:28} ip netns exec {program.host.ns} ...")
        print(
            "Try: ip netns exec <ns> curl -s <url>/api/status ; "
            f"cut a tablet: ip -n {lan.switch} link set p<i> down. Ctrl-C ends it all.",
            flush=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            while all(p.alive for p in (hub, *kiosks)):
                time.sleep(1)
        for program in (*kiosks, hub):
            program.stop()
            program.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
