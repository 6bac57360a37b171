"""The register's fixtures: a hub with a small register of every kind of participant."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

import pytest

from hub.participants import register
from hub.service import Hub
from hub.signup.consent import consent_of

OPEN = {
    "mode": "open",
    "deadline": "",
    "cap": "",
    "retention": (dt.date.today() + dt.timedelta(days=200)).isoformat(),
    "organiser": "Bydel Sagene",
    "contact": "",
    "purpose": "",
}


def person(name: str, sector: str, email: str, **more) -> dict:
    return {
        "name": name,
        "sector": sector,
        "contact_person": "Kontakt " + name.split()[0],
        "email": email,
        "phone": "",
        "needs": [{"category": "premises", "text": "Et lokale på kvelden"}],
        "offers": [{"category": "expertise", "text": "Regnskapshjelp"}],
        "show_public": True,
        "consent": True,
        **more,
    }


def sign_up(hub: Hub, data: dict) -> str:
    return register.sign_up(hub, data, consent_of(OPEN, "nb"), "nb")


@dataclass
class Register:
    hub: Hub
    sagene_if: str
    rode_kors: str
    bydel: str
    bakeri: str
    walk_in: str


@pytest.fixture
def small_register(hub: Hub) -> Register:
    """Sagene IF and Røde Kors Sagene (voluntary), Bydel Sagene invited (public), Bakeriet AS
    (business, offers courses) withdrawn, and a walk-in added at the door."""
    register.configure_signup(hub, OPEN)
    sagene_if = sign_up(
        hub, person("Sagene IF", "voluntary", "post@sagene-if.example", orgnr="974760673")
    )
    rode_kors = sign_up(hub, person("Røde Kors Sagene", "voluntary", "sagene@rodekors.example"))
    bydel = register.invite(hub, {"name": "Bydel Sagene", "sector": "public"})
    bakeri = sign_up(
        hub,
        person(
            "Bakeriet AS",
            "business",
            "hei@bakeriet.example",
            offers=[{"category": "courses", "text": "Brødbakekurs"}],
        ),
    )
    register.withdraw(hub, bakeri, "organiser", "Flyttet")
    walk_in = str(uuid.uuid4())  # as a tablet records one at the door: no contact details
    hub.record("register_participant", walk_in, {"name": "Naboen", "sector": "business"}, "", True)
    return Register(hub, sagene_if, rode_kors, bydel, bakeri, walk_in)


def names_listed(html: str) -> list[str]:
    return re.findall(r'<a href="/participants/[0-9a-f-]{36}">([^<]+)</a>', html)


def token_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
