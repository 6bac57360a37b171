"""The catalogue room's fixtures: a bydel's børs (the labelled set's 27 participants), plus the
ones whose contact details must never show and the ones the catalogue must not show at all."""

from __future__ import annotations

import pytest

import hub as hub_web
from hub.participants import register
from hub.service import Hub
from tests.matching.labelled import load, seed

# Who typed their contact details at sign-up: none of it may reach a public page or the API.
CONTACTS = {
    "contact_person": "Kari Kontaktperson",
    "email": "kari.kontakt@korpset.example",
    "phone": "+47 912 34 567",
}
SHOWN = {
    "name": "Årstad Skolekorps",
    "sector": "voluntary",
    "needs": [{"category": "premises", "text": "Øvingslokale for korpset på tirsdager"}],
    "offers": [{"category": "culture", "text": "Korpsmusikk til åpninger, fester og børsen"}],
    "consent_public": True,
    **CONTACTS,
}
# The korps as a form service's export knows it: no contact details.
KORPS = {k: v for k, v in SHOWN.items() if k not in CONTACTS}
HIDDEN = {
    "name": "Skjult Forening",
    "sector": "voluntary",
    "needs": [{"category": "expertise", "text": "Tolk i swahili til hemmelige møter"}],
    "offers": [{"category": "equipment", "text": "Hemmelig utstyr"}],
    "consent_public": False,
}
WITHDRAWN = {
    "name": "Trukket Lag",
    "sector": "business",
    "needs": [{"category": "equipment", "text": "Snøscooter til julebordet"}],
    "offers": [{"category": "equipment", "text": "Trukket utstyr"}],
    "consent_public": True,
}


class Bors:
    """The hub of one børs and the ids of the participants the tests name."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.where = seed(hub, load())  # label (n01, o01, …) -> (participant id, side, slot)
        self.korps = hub.register_participant(SHOWN)
        self.hidden = hub.register_participant(HIDDEN)
        self.withdrawn = hub.register_participant(WITHDRAWN)
        register.withdraw(hub, self.withdrawn, by="organiser")

    def id_of(self, label: str) -> str:
        return self.where[label][0]

    @property
    def catalogue(self):
        return self.hub.evening.catalogue


@pytest.fixture
def bors(hub: Hub) -> Bors:
    """A børs of its own, for a test that changes it."""
    return Bors(hub)


@pytest.fixture(scope="module")
def read_bors(tmp_path_factory) -> Bors:
    """One børs that a module's tests only read (seeding it costs about half a second)."""
    hub = Hub(tmp_path_factory.mktemp("bors") / "hub")
    yield Bors(hub)
    hub.close()


@pytest.fixture
def visitor(read_bors: Bors):
    """A browser on the hub that is not logged in (anyone on the internet)."""
    return hub_web.create_app(read_bors.hub).test_client()
