"""A participant signs up on the public page: what is stored, and what is refused and why.

Every refusal shows its message beside the field it is about, keeps everything typed, and
stores nothing (promise 5).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PIL import Image

from hub.participants import register
from shared.participants.rules import LOGO_MAX_BYTES, STATUS_SIGNED_UP
from tests.signup.conftest import SETTINGS, TYPED, field_errors, png, signed_up


def stored_events(hub) -> list[str]:
    return [n.topic.rsplit(".", 1)[-1] for n in hub.store.read_all(0)]


def test_a_sign_up_is_stored_with_the_exact_consent_text(open_hub, visitor):
    participant_id, _ = signed_up(open_hub, visitor)
    p = open_hub.evening.participants[participant_id]
    assert (p.name, p.orgnr, p.sector, p.status) == (
        "Sagene IF",
        "974760673",
        "voluntary",
        STATUS_SIGNED_UP,
    )
    assert p.needs == [{"category": "premises", "text": "Et rom til trening på tirsdager"}]
    assert p.offers == [{"category": "volunteering", "text": "Dugnadshjelp til arrangementer"}]
    assert p.show_public and p.in_catalogue and p.source == "form"
    agreed = open_hub.evening.participants.consent_texts[p.consent_text]
    assert "Bydel Sagene" in agreed.text
    assert str(SETTINGS["retention"][:4]) in agreed.text  # the retention date, in words
    assert open_hub.contact_of(participant_id)["email"] == "kari@sagene-if.example"


def test_contact_details_are_never_in_the_log_in_clear(open_hub, visitor):
    signed_up(open_hub, visitor)
    log = (open_hub.data_dir / "hub.sqlite").read_bytes()
    for secret in (b"kari@sagene-if.example", b"912 34 567", b"Kari Nordmann"):
        assert secret not in log
    held = "".join(json.dumps(n.state.decode()) for n in open_hub.store.read_all(0))
    assert "sagene-if.example" not in held


def test_consent_missing_is_refused_and_nothing_is_stored(open_hub, visitor):
    visitor.open()
    before = len(stored_events(open_hub))
    typed = {k: v for k, v in TYPED.items() if k != "consent"}
    answer = visitor.submit(typed)
    assert answer.status_code == 422
    assert "consent" in field_errors(visitor.shown)
    assert len(stored_events(open_hub)) == before
    assert 'value="kari@sagene-if.example"' in visitor.shown  # the typing is kept


WRONG = [
    ({"name": ""}, "name"),
    ({"sector": ""}, "sector"),
    ({"sector": "church"}, "sector"),
    ({"email": ""}, "email"),
    ({"email": "kari.sagene-if.example"}, "email"),
    ({"contact_person": ""}, "contact_person"),
    ({"phone": "ring meg"}, "phone"),
    ({"orgnr": "974 760 674"}, "orgnr"),  # the check digit is wrong
    ({"orgnr": "12345"}, "orgnr"),
    ({"need_text_0": "", "need_category_0": ""}, "needs"),
    ({"offer_text_0": "", "offer_category_0": ""}, "offers"),
    ({"need_category_0": ""}, "needs-0-category"),
    ({"offer_text_0": ""}, "offers-0-text"),
]


@pytest.mark.parametrize(("wrong", "beside"), WRONG)
def test_each_error_is_shown_beside_its_field_with_the_typing_kept(
    open_hub, visitor, wrong, beside
):
    visitor.open()
    answer = visitor.submit({**TYPED, **wrong})
    assert answer.status_code == 422
    errors = field_errors(visitor.shown)
    assert list(errors) == [beside], errors
    assert f'aria-describedby="err-{beside}"' in visitor.shown or beside in ("needs", "offers")
    for name in ("name", "contact_person", "email"):  # what was typed comes back
        if name not in wrong:
            assert f'value="{TYPED[name]}"' in visitor.shown
    assert 'name="consent" id="consent" checked' in visitor.shown
    assert not any(p.status == STATUS_SIGNED_UP for p in open_hub.evening.participants.values())


def test_all_errors_at_once_and_a_second_row_is_put_back_beside_its_own_row(open_hub, visitor):
    visitor.open()
    typed = {
        **TYPED,
        "email": "nope",
        "need_category_0": "",
        "need_text_0": "",  # an empty first row is dropped...
        "need_category_1": "",
        "need_text_1": "Lager til utstyr",  # ...so the rules' need 0 is the form's row 1
    }
    visitor.submit(typed)
    errors = field_errors(visitor.shown)
    assert set(errors) == {"email", "needs-1-category"}
    assert 'value="Lager til utstyr"' in visitor.shown


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("974760673", "974760673"),
        ("974 760 673", "974760673"),
        ("NO 974 760 673 MVA", "974760673"),
        ("", ""),
    ],
)
def test_the_organisation_number_is_checked_and_kept_as_nine_digits(
    open_hub, visitor, typed, stored
):
    participant_id, _ = signed_up(open_hub, visitor, {"orgnr": typed})
    assert open_hub.evening.participants[participant_id].orgnr == stored


def test_a_logo_is_checked_and_resized(open_hub, visitor):
    visitor.open()
    answer = visitor.submit(TYPED, files={"logo": png(2400, 1200)})
    assert answer.status_code == 303
    p = next(iter(open_hub.evening.participants.values()))
    path = register.logos(open_hub).path(p.logo)
    with Image.open(path) as logo:
        assert logo.format == "PNG" and max(logo.size) == 600 and logo.size == (600, 300)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"this is not a picture", "logo_not_an_image"),
        (png(8, 8), "logo_too_small"),
        (b"\x89PNG" + b"0" * (LOGO_MAX_BYTES + 10), "logo_too_large"),
    ],
)
def test_a_bad_logo_is_refused_beside_its_field(open_hub, visitor, content, code):
    from shared.web import translate

    visitor.open()
    answer = visitor.submit(TYPED, files={"logo": content})
    assert answer.status_code == 422
    assert field_errors(visitor.shown) == {"logo": translate(f"error.{code}", "nb")}
    assert not open_hub.evening.participants


def test_an_accepted_logo_is_kept_while_the_rest_is_corrected(open_hub, visitor):
    visitor.open()
    visitor.submit({**TYPED, "email": ""}, files={"logo": png()})
    assert 'data-testid="logo-kept"' in visitor.shown
    answer = visitor.submit(TYPED)  # no file chosen again
    assert answer.status_code == 303
    p = next(iter(open_hub.evening.participants.values()))
    assert register.logos(open_hub).path(p.logo) is not None


def test_one_more_need_adds_a_row_without_javascript(open_hub, visitor):
    visitor.open()
    empty_second_row = {"need_category_1": "", "need_text_1": ""}  # as a browser sends it
    answer = visitor.submit({**TYPED, **empty_second_row, "add": "needs"})
    assert answer.status_code == 200
    assert 'name="need_text_2"' in visitor.shown
    assert 'value="Et rom til trening på tirsdager"' in visitor.shown
    assert not open_hub.evening.participants


def test_consent_to_words_that_changed_meanwhile_is_asked_again(open_hub, visitor):
    visitor.open()
    register.configure_signup(open_hub, {**SETTINGS, "purpose": "Et nytt formål"})
    answer = visitor.submit(TYPED)
    assert answer.status_code == 422
    assert "consent" in field_errors(visitor.shown)
    assert "Et nytt formål" in visitor.shown
    assert visitor.submit(TYPED).status_code == 303  # the new words, agreed to


def test_text_from_the_public_is_escaped(open_hub, visitor):
    _, token = signed_up(open_hub, visitor, {"name": '<script>alert("x")</script> IF'})
    page = visitor.client.get(f"/signup/me/{token}").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_the_form_speaks_english_on_request(open_hub, visitor):
    page = visitor.open("/signup?lang=en").get_data(as_text=True)
    assert "Sign up" in page or "sign up" in page
    assert 'lang="en"' in page


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"mode": "closed"}, "signup_closed"),
        ({"mode": "invitation"}, "signup_invitation_only"),
        ({"deadline": (dt.date.today() - dt.timedelta(days=1)).isoformat()}, "deadline"),
    ],
)
def test_a_closed_sign_up_shows_a_friendly_page(open_hub, visitor, change, reason):
    register.configure_signup(open_hub, {**SETTINGS, **change})
    answer = visitor.open()
    assert answer.status_code == 200
    assert 'name="consent"' not in visitor.shown
    assert 'data-testid="signup-closed"' in visitor.shown


def test_the_cap_closes_the_sign_up_once_it_is_reached(open_hub, visitor):
    register.configure_signup(open_hub, {**SETTINGS, "cap": "1"})
    signed_up(open_hub, visitor)
    visitor.open()
    assert 'data-testid="signup-closed"' in visitor.shown
    assert open_hub.evening.participants.signed_up_count() == 1


def test_an_invitation_link_signs_up_the_invitee_and_only_once(open_hub, visitor):
    register.configure_signup(open_hub, {**SETTINGS, "mode": "invitation"})
    invitee = register.invite(open_hub, {"name": "Sagene IF", "sector": "voluntary"})
    token = register.invitation_token(open_hub, invitee)
    path = f"/signup/invitation/{token}"
    visitor.open(path)
    assert 'value="Sagene IF"' in visitor.shown  # what the organiser knew is filled in
    answer = visitor.submit(TYPED, path)
    assert answer.status_code == 303
    assert open_hub.evening.participants[invitee].status == STATUS_SIGNED_UP
    assert len(open_hub.evening.participants) == 1
    visitor.open(path)
    assert 'data-testid="signup-closed"' in visitor.shown
    assert visitor.client.get("/signup/invitation/" + token[:-2] + "xx").status_code == 404
