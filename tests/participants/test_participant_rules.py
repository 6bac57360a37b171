"""Bad input gets a clear answer (promise 5): every error code a participant's profile can be
refused with, by table, and where the contact details go."""

from __future__ import annotations

import pytest

from shared.participants.rules import MAX_NAME, validate_participant
from tests.support.refusals import errors_of


def good_participant(**changes) -> dict:
    data = {
        "name": "Kvernerbyen Idrettslag",
        "sector": "voluntary",
        "contact_person": "Ola Nordmann",
        "email": "ola@example.org",
        "phone": "+47 912 34 567",
        "needs": [{"category": "premises", "text": "Lager for utstyr"}],
        "offers": [{"category": "volunteering", "text": "Dugnadshjelp"}],
        "consent_public": True,
    }
    data.update(changes)
    return data


PARTICIPANT_ERRORS = [
    ("not an object", "Kvernerbyen", "participant", "not_an_object"),
    ("no name", good_participant(name=""), "name", "required"),
    ("name too long", good_participant(name="x" * (MAX_NAME + 1)), "name", "too_long"),
    ("name not text", good_participant(name=None) | {"name": 3}, "name", "not_text"),
    ("no sector", good_participant(sector=""), "sector", "required"),
    ("unknown sector", good_participant(sector="church"), "sector", "unknown_sector"),
    (
        "contact person too long",
        good_participant(contact_person="x" * 81),
        "contact_person",
        "too_long",
    ),
    ("email without @", good_participant(email="ola.example.org"), "email", "invalid_email"),
    ("email without domain", good_participant(email="ola@example"), "email", "invalid_email"),
    ("email too long", good_participant(email="a@" + "b" * 250 + ".no"), "email", "too_long"),
    ("phone with letters", good_participant(phone="ring meg"), "phone", "invalid_phone"),
    ("phone too short", good_participant(phone="123"), "phone", "invalid_phone"),
    ("phone too long", good_participant(phone="1" * 31), "phone", "too_long"),
    ("needs not a list", good_participant(needs="lager"), "needs", "not_a_list"),
    ("need not an object", good_participant(needs=["lager"]), "needs.0", "not_an_object"),
    (
        "need without category",
        good_participant(needs=[{"text": "Lager"}]),
        "needs.0.category",
        "required",
    ),
    (
        "need in an unknown category",
        good_participant(needs=[{"category": "money", "text": "Penger"}]),
        "needs.0.category",
        "unknown_category",
    ),
    (
        "need without text",
        good_participant(needs=[{"category": "premises", "text": ""}]),
        "needs.0.text",
        "required",
    ),
    (
        "offer text too long",
        good_participant(offers=[{"category": "premises", "text": "x" * 301}]),
        "offers.0.text",
        "too_long",
    ),
    (
        "consent not a boolean",
        good_participant(consent_public="yes"),
        "consent_public",
        "not_a_boolean",
    ),
]


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [row[1:] for row in PARTICIPANT_ERRORS],
    ids=[row[0] for row in PARTICIPANT_ERRORS],
)
def test_a_wrong_participant_is_refused_with_a_stable_code(data, field, code):
    assert (field, code) in errors_of(lambda: validate_participant(data))


def test_a_participant_keeps_contact_details_apart_from_the_public_profile():
    clean = validate_participant(good_participant(email=" ola@example.org "))
    assert clean["contact"] == {
        "contact_person": "Ola Nordmann",
        "email": "ola@example.org",
        "phone": "+47 912 34 567",
    }
    assert "email" not in clean and clean["sector"] == "voluntary"


def test_contact_details_are_optional():
    clean = validate_participant({"name": "Bydel Gamle Oslo", "sector": "public"})
    assert clean["contact"] == {"contact_person": "", "email": "", "phone": ""}
    assert clean["needs"] == [] and clean["offers"] == []
