"""Sign-ups that arrive at the same moment are stored together (hub/participants/signups.py):
none lost, none doubled, the cap held exactly, each refusal its own, every link working."""

from __future__ import annotations

import threading

import pytest

import hub as hub_web
from hub.participants import register
from hub.signup.consent import consent_of
from shared.core.checks import ValidationFailed
from tests.register.conftest import person
from tests.signup.conftest import SETTINGS, Visitor, signed_up


def at_once(count: int, work) -> list:
    results: list = [None] * count
    barrier = threading.Barrier(count)

    def one(i: int) -> None:
        barrier.wait()
        try:
            results[i] = work(i)
        except ValidationFailed as refused:
            results[i] = refused

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_thirty_at_once_under_a_cap_of_ten(open_hub):
    register.configure_signup(open_hub, {**SETTINGS, "cap": "10"})
    consent = consent_of(open_hub.evening.participants.signup_settings, "nb")

    def sign_up(i: int) -> str:
        data = person(f"Lag {i}", "voluntary", f"lag{i}@x.example")
        return register.sign_up(open_hub, data, consent, "nb")

    results = at_once(30, sign_up)
    stored = [r for r in results if isinstance(r, str)]
    refused = [r for r in results if isinstance(r, ValidationFailed)]
    assert len(stored) == 10 and len(refused) == 20
    assert {r.codes()["signup"] for r in refused} == {"signup_full"}
    assert open_hub.evening.participants.signed_up_count() == 10
    for pid in stored:  # each one's contact details sealed with its own key
        assert open_hub.contact_of(pid)["email"].endswith("@x.example")
    texts = [n for n in open_hub.store.read_all(0) if n.topic.endswith("ConsentTextRecorded")]
    assert len(texts) == 1  # the words recorded once, not once per sign-up


def test_a_bad_one_among_many_is_refused_alone(open_hub):
    consent = consent_of(open_hub.evening.participants.signup_settings, "nb")

    def sign_up(i: int) -> str:
        email = "not-an-address" if i == 3 else f"lag{i}@x.example"
        return register.sign_up(open_hub, person(f"Lag {i}", "public", email), consent, "nb")

    results = at_once(12, sign_up)
    assert isinstance(results[3], ValidationFailed)
    assert sum(isinstance(r, str) for r in results) == 11


def test_one_invitation_posted_twice_at_once_signs_up_once(open_hub):
    invitee = register.invite(open_hub, {"name": "Bydel Sagene", "sector": "public"})
    consent = consent_of(open_hub.evening.participants.signup_settings, "nb")
    data = person("Bydel Sagene", "public", "post@bydel.example")

    results = at_once(4, lambda i: register.sign_up(open_hub, data, consent, "nb", invited=invitee))
    assert sum(r == invitee for r in results) == 1
    assert all(r.codes() == {"signup": "already_signed_up"} for r in results if r != invitee)


@pytest.mark.parametrize("people", [20])
def test_first_sign_ups_at_once_all_get_a_working_link(open_hub, people):
    """The key that signs personal links is made once, even when the first sign-ups of a new
    hub all arrive together (each made its own, and most links never worked)."""
    app = hub_web.create_app(open_hub, {"SIGNUP_MIN_SECONDS": 0, "SIGNUP_PER_ADDRESS": 1000})

    def one(i: int) -> tuple[str, str]:
        visitor = Visitor(app.test_client())
        return signed_up(open_hub, visitor, {"name": f"Lag {i}", "email": f"l{i}@x.example"})

    results = at_once(people, one)
    reader = app.test_client()
    for participant_id, token in results:
        assert register.links(open_hub).read(token) == participant_id
        assert reader.get(f"/signup/me/{token}").status_code == 200
