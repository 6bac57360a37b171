"""The participant's own link: no account, a token that sees, changes or withdraws a sign-up,
stops at the retention date, and fails when a byte of it is changed."""

from __future__ import annotations

import datetime as dt

import pytest

from hub.participants import register
from hub.participants.links import OWN, LinkRefused
from shared.participants.rules import STATUS_WITHDRAWN
from tests.signup.conftest import RETENTION, TYPED, field_errors, hidden_fields, signed_up


def test_the_welcome_page_shows_the_link_and_the_words_agreed_to(open_hub, visitor):
    visitor.open()
    answer = visitor.submit(TYPED)
    welcome = visitor.client.get(answer.headers["Location"]).get_data(as_text=True)
    token = answer.headers["Location"].split("/")[3]
    assert f"/signup/me/{token}" in welcome
    assert "Bydel Sagene" in welcome  # the consent text, as agreed to


def test_viewing_shows_the_sign_up_with_contact_details_only_in_part(open_hub, visitor):
    _, token = signed_up(open_hub, visitor)
    page = visitor.client.get(f"/signup/me/{token}").get_data(as_text=True)
    assert "Sagene IF" in page and "Et rom til trening på tirsdager" in page
    assert "kari@sagene-if.example" not in page and "912 34 567" not in page
    assert "k•••@sagene-if.example" in page


def test_changing_keeps_the_email_and_phone_left_empty(open_hub, visitor):
    participant_id, token = signed_up(open_hub, visitor)
    edit = visitor.client.get(f"/signup/me/{token}/edit").get_data(as_text=True)
    assert "kari@sagene-if.example" not in edit  # never shown in full, not even here
    visitor.shown = edit
    answer = visitor.submit(
        {**TYPED, "email": "", "phone": "", "offer_text_0": "Lån av minibuss"},
        f"/signup/me/{token}/edit",
    )
    assert answer.status_code == 303 and answer.headers["Location"].endswith("?done=saved")
    p = open_hub.evening.participants[participant_id]
    assert p.offers[0]["text"] == "Lån av minibuss"
    assert open_hub.contact_of(participant_id)["email"] == "kari@sagene-if.example"
    history = [type(ev).__name__ for ev in open_hub.evening.participants.facts_of(participant_id)]
    assert history == ["ParticipantSignedUp", "ParticipantChanged"]
    assert history and open_hub.evening.participants.facts_of(participant_id)[-1].by == (
        "participant"
    )


def test_a_wrong_change_is_shown_beside_its_field(open_hub, visitor):
    participant_id, token = signed_up(open_hub, visitor)
    visitor.open(f"/signup/me/{token}/edit")
    answer = visitor.submit({**TYPED, "name": ""}, f"/signup/me/{token}/edit")
    assert answer.status_code == 422
    assert list(field_errors(visitor.shown)) == ["name"]
    assert open_hub.evening.participants[participant_id].name == "Sagene IF"


def test_withdrawing_takes_them_off_the_catalogue_and_the_link_still_shows_it(open_hub, visitor):
    participant_id, token = signed_up(open_hub, visitor)
    visitor.open(f"/signup/me/{token}/withdraw")
    form = hidden_fields(visitor.shown)
    answer = visitor.client.post(
        f"/signup/me/{token}/withdraw", data={**form, "reason": "Vi rekker det ikke"}
    )
    assert answer.status_code == 303
    p = open_hub.evening.participants[participant_id]
    assert p.status == STATUS_WITHDRAWN and not p.in_catalogue
    page = visitor.client.get(f"/signup/me/{token}").get_data(as_text=True)
    assert 'data-testid="withdrawn"' in page
    # Withdrawn is withdrawn: the edit page sends them back, a second withdrawal does nothing
    assert visitor.client.get(f"/signup/me/{token}/edit").status_code == 303
    again = visitor.client.post(f"/signup/me/{token}/withdraw", data=form)
    assert again.status_code == 303
    names = [type(ev).__name__ for ev in open_hub.evening.participants.facts_of(participant_id)]
    assert names.count("ParticipantWithdrawn") == 1


def test_an_expired_link_is_refused_with_410(open_hub, visitor):
    participant_id, _ = signed_up(open_hub, visitor)
    old = register.links(open_hub).make(participant_id, dt.date.today() - dt.timedelta(days=1))
    for page in ("", "/edit", "/withdraw"):
        answer = visitor.client.get(f"/signup/me/{old}{page}")
        assert answer.status_code == 410
        assert 'data-code="link_expired"' in answer.get_data(as_text=True)


def test_the_link_lasts_until_the_retention_date(open_hub, visitor):
    participant_id, token = signed_up(open_hub, visitor)
    links = register.links(open_hub)
    assert links.read(token, OWN, today=RETENTION) == participant_id
    with pytest.raises(LinkRefused) as refused:
        links.read(token, OWN, today=RETENTION + dt.timedelta(days=1))
    assert refused.value.code == "link_expired"


def _tampered(token: str) -> list[str]:
    body, _, signature = token.rpartition(".")
    flipped = "A" if body[5] != "A" else "B"
    return [
        body[:5] + flipped + body[6:] + "." + signature,  # the data changed
        body + "." + ("x" if signature[0] != "x" else "y") + signature[1:],  # the signature
        token[:-6],  # cut short
        "not-a-token",
    ]


def test_a_tampered_link_is_refused_with_404(open_hub, visitor):
    _, token = signed_up(open_hub, visitor)
    for bad in _tampered(token):
        for page in ("", "/edit", "/withdraw", "/logo"):
            answer = visitor.client.get(f"/signup/me/{bad}{page}")
            assert answer.status_code == 404, (bad, page)
        posted = visitor.client.post(
            f"/signup/me/{bad}/withdraw", data=hidden_fields(visitor.shown)
        )
        assert posted.status_code in (403, 404)
    assert all(p.status != STATUS_WITHDRAWN for p in open_hub.evening.participants.values())


def test_an_invitation_token_is_not_an_own_link(open_hub, visitor):
    invitee = register.invite(open_hub, {"name": "Bydel Sagene", "sector": "public"})
    token = register.invitation_token(open_hub, invitee)
    assert visitor.client.get(f"/signup/me/{token}").status_code == 404


def test_a_link_made_with_another_hubs_key_is_refused(open_hub, visitor, tmp_path):
    from hub.participants.links import Links

    participant_id, _ = signed_up(open_hub, visitor)
    (tmp_path / "other-hub").mkdir()
    foreign = Links(tmp_path / "other-hub").make(participant_id, RETENTION)
    assert visitor.client.get(f"/signup/me/{foreign}").status_code == 404
