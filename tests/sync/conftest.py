"""The sync room's fixtures: a venue LAN of network namespaces for the zeroconf stories."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.lan_programs import Running
from tests.venue.lan import VenueLAN


@pytest.fixture
def lan_venue(tmp_path: Path):
    """A venue LAN (its hosts added by the test) and the ``bors`` programs started in it."""
    with VenueLAN() as lan:
        yield lan, Running(tmp_path)
