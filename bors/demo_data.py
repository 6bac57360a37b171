"""Believable, entirely fictional data for a demo evening and for tests.

A frivilligbørs only makes sense with a full room: businesses, voluntary organisations and public
services that each bring needs and offers, many of which fit together. The demo evening (the MC's
"example matches", the catalogue, the live screen, a pre-filled deal list) and the tests need such
a room without anyone typing it in, and without real people's personal data.

The room itself is a data file, ``demo_data.toml`` beside this module, shipped as package data so
that anyone can read and edit it without reading Python. This module only loads it.

Deterministic, no randomness: the file is read once, and every call returns fresh lists and
dicts built from it, so callers may change what they get without affecting the next call.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources

DATA_FILE = "demo_data.toml"


@functools.cache
def _room() -> dict:
    """The parsed data file. Cached, so never handed out: callers get copies."""
    return tomllib.loads(resources.files("bors").joinpath(DATA_FILE).read_text(encoding="utf-8"))


def _resources(entries: list[dict]) -> list[dict[str, str]]:
    return [{"category": entry["category"], "text": entry["text"]} for entry in entries]


def participant_from(entry: dict) -> dict:
    """One participant of the data file as a sign-up dict; refuses one with no consent answer."""
    consent = entry["consent_public"]  # a KeyError if left out: consent is never assumed
    if not isinstance(consent, bool):
        raise TypeError(f"consent_public of {entry['name']} is not true or false")
    return {
        "name": entry["name"],
        "sector": entry["sector"],
        "contact_person": entry["contact_person"],
        "email": entry["email"],
        "phone": entry["phone"],
        "needs": _resources(entry["needs"]),
        "offers": _resources(entry["offers"]),
        "consent_public": consent,
    }


# The demo evening's settings: name, venue, date, opening and closing times, target.
DEMO_EVENT: dict = dict(_room()["event"])


def demo_participants() -> list[dict]:
    """About sixty fictional participants, twenty per sector, as sign-up dicts.

    Each dict has exactly the keys ``name``, ``sector``, ``contact_person``, ``email``,
    ``phone``, ``needs``, ``offers`` and ``consent_public``; needs and offers are lists of
    ``{"category", "text"}``. A few participants have not consented to being named on the public
    live screen, and two have very long names to test how screens cope with overflow.
    """
    return [participant_from(entry) for entry in _room()["participants"]]


def demo_deals(participant_ids_by_name: dict[str, str]) -> list[dict]:
    """About fifteen plausible deals between demo participants, for a pre-filled demo.

    ``participant_ids_by_name`` maps each demo participant's name to the id it was given when it
    was registered. Each deal is ``{"parties": [{"participant_id", "gives"}, ...], "category",
    "kind"}``; in a gift the first party gives and the second's ``gives`` is empty.

    Raises :class:`KeyError` naming the first participant missing from the mapping.
    """
    deals = []
    for deal in _room()["deals"]:
        parties = []
        for party in deal["parties"]:
            if party["name"] not in participant_ids_by_name:
                raise KeyError(f"demo participant has no id: {party['name']}")
            parties.append(
                {"participant_id": participant_ids_by_name[party["name"]], "gives": party["gives"]}
            )
        deals.append({"parties": parties, "category": deal["category"], "kind": deal["kind"]})
    return deals
