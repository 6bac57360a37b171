"""Run one ``bors`` command to its end, as an organiser would in a terminal."""

from __future__ import annotations

import subprocess
import sys

from tests.support.processes import ROOT


def bors(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python -m bors.cli ARGS``: its exit code, stdout and stderr (text)."""
    return subprocess.run(
        [sys.executable, "-m", "bors.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
