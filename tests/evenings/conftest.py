"""Two evenings on one hub: the first closed into the archive, the second started from it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from hub.evenings.closing import NextEvening, start_next_evening
from hub.followup import desk
from hub.participants import register
from hub.service import Hub
from hub.stage import service as stage
from kiosk.service import Kiosk
from tests.register.conftest import OPEN, person, sign_up
from tests.support.deals import register as make_deal
from tests.support.evenings import SAGENE_EVENING
from tests.support.sync import deal, sync

FIRST = {**SAGENE_EVENING, "name": "Børsen 2026", "date": "2026-11-25"}


@dataclass
class TwoEvenings:
    data: Path
    ids: dict[str, str]
    first_deals: list[str]
    closed: NextEvening


def first_evening(data: Path) -> tuple[dict[str, str], list[str]]:
    hub = Hub(data)
    try:
        hub.schedule_evening(FIRST)
        register.configure_signup(hub, OPEN)
        ids = {
            "consented": sign_up(hub, person("Sagene IF", "voluntary", "if@sagene.example")),
            "also": sign_up(hub, person("Bakeriet", "business", "post@bakeriet.example")),
            "withdrawn": sign_up(hub, person("Gått Ut", "public", "ut@bydel.example")),
            "erased": sign_up(hub, person("Slett Meg", "voluntary", "slett@meg.example")),
            "invitee": register.invite(
                hub, {"name": "Invitert Lag", "sector": "voluntary", "email": "lag@inv.example"}
            ),
            "plain": hub.register_participant({"name": "Uten Samtykke", "sector": "public"}),
        }
        register.withdraw(hub, ids["withdrawn"], "participant", "")
        from hub.privacy.erasure import erase

        erase(hub, ids["erased"])
        hub.record("check_in", ids["consented"])
        stage.open_hour(hub)
        deals = [make_deal(hub, ids["consented"], ids["also"]) for _ in range(3)]
        tablet = Kiosk(data.parent / "tablet", name="Nettbrett 1")
        sync(tablet, hub)
        deals.append(tablet.register_deal(deal(ids["also"], ids["consented"])).id)
        sync(tablet, hub)
        tablet.close()
        stage.close_hour(hub)
        desk.change(hub, deals[0], {"status": "done"})
    finally:
        hub.close()
    return ids, deals


def change_one_byte(path: Path, at: int) -> None:
    """What a failing disk or a curious hand does to an archived store."""
    path.chmod(0o600)
    with path.open("r+b") as file:
        file.seek(at)
        byte = file.read(1)
        file.seek(at)
        file.write(bytes([byte[0] ^ 0xFF]))


@pytest.fixture
def two(tmp_path: Path) -> TwoEvenings:
    data = tmp_path / "hub"
    ids, deals = first_evening(data)
    closed = start_next_evening(data, next_date="2027-11-24")
    return TwoEvenings(data, ids, deals, closed)
