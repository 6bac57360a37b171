"""The privacy room's fixtures: a small evening whose people can be found in every file.

Two participants signed up with consent, email and phone (Sagene IF and Turbo Bakeri), a walk-in
added by a tablet at a deal, and deals between them, so that erasure has something to forget
everywhere: the hub's log, its vault, a tablet's journal and its mirror of the hub's log.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from hub.participants import register
from hub.service import Hub
from hub.signup.consent import consent_of
from kiosk.service import Kiosk

# The sign-up's settings (open, a retention date, who keeps the data) as the sign-up tests use
from tests.signup.conftest import RETENTION, SETTINGS
from tests.support.sync import deal, pull, push

__all__ = ["RETENTION", "SETTINGS"]  # the privacy tests read them from here

# What must be unreadable everywhere once its owner is erased (ASCII: SQLite keeps it as is).
SAGENE = {
    "name": "Sagene IF Fotball",
    "contact_person": "Kari Sletteberg",
    "email": "kari.sletteberg@sagene-if.example",
    "phone": "+47 915 55 123",
}
TURBO = {
    "name": "Turbo Bakeri AS",
    "contact_person": "Ola Deigen",
    "email": "ola@turbo-bakeri.example",
    "phone": "+47 934 00 777",
}
WALK_IN = "Naboens Vaffelklubb"


def signup_of(who: dict, sector: str) -> dict:
    return {
        **who,
        "sector": sector,
        "orgnr": "",
        "needs": [{"category": "premises", "text": "Et lokale til trening"}],
        "offers": [{"category": "volunteering", "text": "Ryddedugnad"}],
        "show_public": True,
        "consent": True,
    }


def sign_up(hub: Hub, who: dict, sector: str) -> str:
    return register.sign_up(hub, signup_of(who, sector), consent_of(SETTINGS, "nb"), "nb")


@dataclass
class Evening:
    hub: Hub
    sagene: str
    turbo: str
    walk_in: str
    kiosk: Kiosk | None = None


def fill(hub: Hub, kiosk: Kiosk | None = None) -> Evening:
    """The small evening on ``hub`` (and a walk-in from ``kiosk``, when given, else the hub's)."""
    register.configure_signup(hub, SETTINGS)
    sagene = sign_up(hub, SAGENE, "voluntary")
    turbo = sign_up(hub, TURBO, "business")
    hub.register_deal(deal(sagene, turbo))
    if kiosk is None:
        walk_in = str(uuid.uuid4())
        hub.record("register_participant", walk_in, {"name": WALK_IN, "sector": "public"}, "", True)
        hub.register_deal(deal(walk_in, turbo, category="courses"))
    else:
        pull(kiosk, hub)
        saved = kiosk.register_deal(
            {
                **deal(sagene, turbo, category="courses"),
                "parties": [
                    {"walk_in": {"name": WALK_IN, "sector": "public"}, "gives": "Vafler"},
                    {"participant_id": turbo, "gives": "Kurs"},
                ],
            }
        )
        walk_in = next(p["participant_id"] for p in saved.parties if p["participant_id"] != turbo)
        push(kiosk, hub)
        pull(kiosk, hub)
    return Evening(hub, sagene, turbo, walk_in, kiosk)


@pytest.fixture
def evening(hub: Hub) -> Evening:
    return fill(hub)


@pytest.fixture
def tablet_evening(hub: Hub, tmp_path: Path):
    kiosk = Kiosk(tmp_path / "kiosk")
    yield fill(hub, kiosk)
    kiosk.close()


def files_holding(folder: Path, *needles: str) -> dict[str, list[str]]:
    """Every file under ``folder`` (SQLite files, their WAL and SHM files, logs, backups) that
    holds one of ``needles`` as bytes, in UTF-8 or as JSON writes it escaped."""
    found: dict[str, list[str]] = {}
    forms = {n: {n.encode(), n.encode("unicode_escape")} for n in needles}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            data = path.read_bytes()
        except FileNotFoundError:  # a running program's file renamed into place meanwhile
            continue
        hits = [n for n, variants in forms.items() if any(v in data for v in variants)]
        if hits:
            found[str(path.relative_to(folder))] = hits
    return found
