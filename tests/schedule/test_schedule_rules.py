"""Bad input gets a clear answer (promise 5): every error code an evening's plan can be refused
with, by table, and what a form's text becomes."""

from __future__ import annotations

import pytest

from shared.participants.rules import MAX_NAME
from shared.schedule.rules import validate_event_settings
from tests.support.refusals import errors_of


def good_settings(**changes) -> dict:
    data = {
        "name": "Frivilligbørs Gamle Oslo",
        "venue": "Grønland kulturstasjon",
        "date": "2026-11-26",
        "opens_at": "17:45",
        "closes_at": "18:45",
        "target": 150,
    }
    data.update(changes)
    return data


SETTINGS_ERRORS = [
    ("not an object", None, "event", "not_an_object"),
    ("no name", good_settings(name=" "), "name", "required"),
    ("name too long", good_settings(name="x" * (MAX_NAME + 1)), "name", "too_long"),
    ("venue too long", good_settings(venue="x" * (MAX_NAME + 1)), "venue", "too_long"),
    ("no date", good_settings(date=""), "date", "required"),
    ("date not a date", good_settings(date="i morgen"), "date", "invalid_date"),
    ("no opening time", good_settings(opens_at=None), "opens_at", "required"),
    ("opening time 24:00", good_settings(opens_at="24:00"), "opens_at", "invalid_time"),
    ("opening time without colon", good_settings(opens_at="1745"), "opens_at", "invalid_time"),
    ("closing time a number", good_settings(closes_at=1845), "closes_at", "invalid_time"),
    (
        "closing before opening",
        good_settings(closes_at="17:00"),
        "closes_at",
        "closes_before_opens",
    ),
    ("closing at opening", good_settings(closes_at="17:45"), "closes_at", "closes_before_opens"),
    ("target not a number", good_settings(target="mange"), "target", "not_a_number"),
    ("target negative", good_settings(target=-1), "target", "out_of_range"),
    ("target absurd", good_settings(target=100_001), "target", "out_of_range"),
    ("target a boolean", good_settings(target=True), "target", "out_of_range"),
]


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [row[1:] for row in SETTINGS_ERRORS],
    ids=[row[0] for row in SETTINGS_ERRORS],
)
def test_wrong_settings_are_refused_with_a_stable_code(data, field, code):
    assert (field, code) in errors_of(lambda: validate_event_settings(data))


def test_settings_from_a_form_come_back_typed():
    clean = validate_event_settings(good_settings(target="150", opens_at=" 17:45 "))
    assert clean["target"] == 150 and clean["opens_at"] == "17:45"
    assert validate_event_settings(good_settings(target=""))["target"] == 0
