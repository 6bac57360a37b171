"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from bors.demo import seed
from tests.support.processes import Programs


@pytest.fixture
def programs(tmp_path: Path):
    """Real ``bors`` processes, all killed when the test ends."""
    running = Programs(tmp_path)
    yield running
    running.stop_all()


@pytest.fixture
def seeded_hub_dir(tmp_path: Path) -> Path:
    """A hub data folder with the demo evening and its ~60 participants signed up."""
    hub_dir = tmp_path / "hub"
    seed(hub_dir)
    return hub_dir
