"""Consent to be named in public is opt-in everywhere: a missing answer is a no."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub.service import Hub
from shared.core.checks import ValidationFailed
from shared.participants.rules import validate_participant, validate_profile


@pytest.mark.parametrize("rule", [validate_participant, validate_profile])
def test_no_answer_is_no_consent(rule):
    assert rule({"name": "Sagene IF", "sector": "voluntary"})["consent_public"] is False


@pytest.mark.parametrize("given", ["yes", 1, "on", None])
def test_consent_must_be_a_yes_or_no(given):
    with pytest.raises(ValidationFailed) as failed:
        validate_participant({"name": "Sagene IF", "sector": "voluntary", "consent_public": given})
    assert failed.value.codes() == {"consent_public": "not_a_boolean"}


def test_a_participant_registered_without_an_answer_is_not_shown_in_public(tmp_path: Path):
    hub = Hub(tmp_path / "hub")
    try:
        pid = hub.register_participant({"name": "Sagene IF", "sector": "voluntary"})
        assert hub.evening.participants[pid].consent_public is False
        yes = hub.register_participant(
            {"name": "Bydel Sagene", "sector": "public", "consent_public": True}
        )
        assert hub.evening.participants[yes].consent_public is True
    finally:
        hub.close()
