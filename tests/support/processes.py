"""Start the real ``bors hub`` and ``bors kiosk`` programs as processes, and stop them.

Tests that promise something about crashes, restarts and networks must use real processes:
a SIGKILL can only be proven harmless on a process that can be killed.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import requests

from kiosk import pairing
from tests.support.auth import ensure_password
from tests.support.pairing import pair_device

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate: Callable[[], object], timeout: float = 10.0, interval: float = 0.05):
    """Poll until ``predicate()`` is truthy; return its value or fail with the last error."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception as error:  # the thing waited for may not answer yet
            last_error = error
        else:
            if value:
                return value
        time.sleep(interval)
    raise TimeoutError(f"condition not met within {timeout}s (last error: {last_error!r})")


def never_within(predicate: Callable[[], object], timeout: float, interval: float = 0.05) -> None:
    """Prove a negative: poll ``predicate()`` for ``timeout`` seconds and fail the moment it is
    truthy (the thing that must not happen did), instead of one fixed sleep and one look."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = predicate()
        if seen:
            raise AssertionError(f"happened within {timeout}s: {seen!r}")
        time.sleep(interval)


class Program:
    """One running ``bors`` command."""

    def __init__(
        self,
        kind: str,
        args: list[str],
        port: int,
        data: Path,
        log_dir: Path,
        env: dict[str, str] | None = None,
    ):
        self.kind, self.args, self.port, self.data = kind, args, port, data
        self.extra_env = env or {}
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = log_dir / f"{kind}-{port}-{int(time.time() * 1000)}.log"
        self.process: subprocess.Popen | None = None

    def start(self, ready_path: str, timeout: float = 20.0) -> Program:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.extra_env}
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bors.cli", *self.args],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until(
            lambda: self._alive() and requests.get(self.url + ready_path, timeout=1).ok,
            timeout=timeout,
        )
        return self

    def _alive(self) -> bool:
        if self.process is None or self.process.poll() is not None:
            raise RuntimeError(f"{self.kind} exited; log:\n{self.log()}")
        return True

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def stop(self) -> None:
        self.kill(signal.SIGTERM)


class Programs:
    """Starts programs for one test and stops every one of them afterwards."""

    def __init__(self, base: Path):
        self.base = base
        self.started: list[Program] = []

    def hub(
        self,
        data: Path | None = None,
        port: int | None = None,
        extra=(),
        env: dict[str, str] | None = None,
    ) -> Program:
        """Start a hub; ``env`` adds settings such as another persistence module."""
        data = data or self.base / "hub"
        port = port or free_port()
        args = [
            "hub",
            "--data",
            str(data),
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--no-advertise",
            *extra,
        ]
        program = Program("hub", args, port, data, self.base, env)
        self.started.append(program)
        # Organiser pages need a login: every test hub gets the test password before it starts.
        ensure_password(data)
        return program.start("/api/stats")

    def kiosk(
        self,
        data: Path,
        hub_url: str | None,
        port: int | None = None,
        extra=(),
        paired: bool = True,
        hub_data: Path | None = None,
    ) -> Program:
        """Start a kiosk; with a hub URL it is first paired with that hub (unless paired=False).

        The hub must be running. ``hub_data`` names its data folder when the hub was not started
        by these Programs, or when ``hub_url`` leads to it through something in between.
        """
        port = port or free_port()
        if hub_url and paired and pairing.load(data) is None:
            pair_device(hub_data or self._hub_data(hub_url), hub_url, data)
        args = ["kiosk", "--data", str(data), "--port", str(port), *extra]
        if hub_url:
            args += ["--hub", hub_url]
        program = Program("kiosk", args, port, data, self.base)
        self.started.append(program)
        return program.start("/api/status")

    def _hub_data(self, hub_url: str) -> Path:
        for program in reversed(self.started):
            if program.kind == "hub" and program.url == hub_url.rstrip("/"):
                return program.data
        raise ValueError(f"no hub started at {hub_url}: pass hub_data= to pair with it")

    def stop_all(self) -> None:
        for program in self.started:
            program.kill()
