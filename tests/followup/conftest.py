"""The follow-up's evening: five participants with contact details, a walk-in who gave theirs
afterwards, three deals and one participant with none (who gets the thank-you)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

import hub as hub_web
from hub.participants import register
from hub.service import Hub
from tests.support.auth import ensure_password, login_test_client
from tests.support.evenings import SAGENE_EVENING

PEOPLE = {
    "bakeri": {
        "name": "Kvernbakken Bakeri AS",
        "sector": "business",
        "contact_person": "Berit Baker",
        "email": "berit@bakeri.example",
        "phone": "+47 911 11 111",
        "offers": [{"category": "equipment", "text": "Stekeovn og bakebrett til utlån"}],
        "needs": [{"category": "volunteering", "text": "Frivillige til julemarkedet"}],
    },
    "idrett": {
        "name": "Sagene IF",
        "sector": "voluntary",
        "contact_person": "Kari Kontaktperson",
        "email": "kari@sagene-if.example",
        "phone": "+47 912 34 567",
        "offers": [{"category": "volunteering", "text": "Frivillige til arrangementer"}],
        "needs": [{"category": "premises", "text": "Lokale til styremøter"}],
    },
    "sykehjem": {
        "name": "Tårnlia sykehjem",
        "sector": "public",
        "contact_person": "Siri Sykepleier",
        "email": "siri@tarnlia.example",
        "phone": "+47 913 00 000",
        "offers": [{"category": "premises", "text": "Lokale til møter på kveldstid"}],
        "needs": [{"category": "culture", "text": "Konsert for beboerne"}],
    },
    "korps": {
        "name": "Tårnlia Skolekorps",
        "sector": "voluntary",
        "contact_person": "Kåre Korps",
        "email": "kare@korps.example",
        "phone": "+47 914 00 000",
        "offers": [{"category": "culture", "text": "Konsert med skolekorpset"}],
        "needs": [{"category": "premises", "text": "Lokale til øvelse og møter"}],
    },
}
WALK_IN = {
    "name": "Nabolaget Vel",
    "sector": "voluntary",
    "contact_person": "Vera Vel",
    "email": "vera@nabolaget.example",
    "phone": "+47 915 00 000",
}
DEADLINE = (dt.date.today() + dt.timedelta(days=30)).isoformat()
LATER = (dt.date.today() + dt.timedelta(days=60)).isoformat()


@dataclass
class FollowUpEvening:
    hub: Hub
    ids: dict  # short name -> participant id
    deals: dict  # short name -> deal id


def _deal(hub, a, b, gives_a, gives_b, kind="mutual", category="equipment", deadline=DEADLINE):
    return hub.register_deal(
        {
            "parties": [{**a, "gives": gives_a}, {**b, "gives": gives_b}],
            "category": category,
            "kind": kind,
            "deadline": deadline,
            "broker": "Kari",
        }
    )


def build_evening(hub: Hub) -> FollowUpEvening:
    hub.schedule_evening(SAGENE_EVENING)
    ids = {
        short: hub.register_participant({**data, "consent_public": True})
        for short, data in PEOPLE.items()
    }
    deals = {
        "bake": _deal(
            hub,
            {"participant_id": ids["bakeri"]},
            {"participant_id": ids["idrett"]},
            "Boller til cupen",
            "Frivillige til julemarkedet",
        ),
        "room": _deal(
            hub,
            {"participant_id": ids["sykehjem"]},
            {"participant_id": ids["idrett"]},
            "Møterom på tirsdager",
            "",
            kind="gift",
            category="premises",
            deadline=LATER,
        ),
        "walk": _deal(
            hub,
            {"participant_id": ids["bakeri"]},
            {"walk_in": {"name": WALK_IN["name"], "sector": "voluntary"}},
            "Kaker til velfesten",
            "Rydding av bakgården",
        ),
    }
    walk_in = next(p.id for p in hub.evening.participants.values() if p.walk_in)
    ids["walk_in"] = walk_in
    register.change(hub, walk_in, {**WALK_IN, "needs": [], "offers": []}, by="organiser")
    return FollowUpEvening(hub, ids, deals)


@pytest.fixture
def evening(hub: Hub) -> FollowUpEvening:
    ensure_password(hub.data_dir)
    return build_evening(hub)


@pytest.fixture
def app(evening: FollowUpEvening):
    return hub_web.create_app(evening.hub, {"TESTING": True})


@pytest.fixture
def organiser(app, evening: FollowUpEvening):
    return login_test_client(app.test_client(), evening.hub.data_dir)
