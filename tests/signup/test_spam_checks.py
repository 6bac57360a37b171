"""Robots on the public sign-up, kept off without a third-party captcha: the honeypot, the
minimum fill time, the per-address limit and the size limit on uploads. Each stores nothing
and never answers 500."""

from __future__ import annotations

import time

import pytest

import hub as hub_web
from tests.signup.conftest import TYPED, Visitor, hidden_fields, png, signed_up


def nothing_signed_up(hub) -> bool:
    return hub.evening.participants.signed_up_count() == 0


def test_a_filled_honeypot_is_thanked_and_nothing_is_stored(open_hub, visitor):
    visitor.open()
    assert 'name="website"' in visitor.shown and 'aria-hidden="true"' in visitor.shown
    answer = visitor.submit({**TYPED, "website": "http://cheap-pills.example"})
    assert answer.status_code == 200
    assert 'name="consent"' not in visitor.shown  # a thank-you, not the form
    assert nothing_signed_up(open_hub)


def test_a_form_posted_faster_than_a_person_types_is_shown_again(open_hub):
    app = hub_web.create_app(open_hub, {"SIGNUP_MIN_SECONDS": 1.0})
    visitor = Visitor(app.test_client())
    visitor.open()
    answer = visitor.submit(TYPED)
    assert answer.status_code == 422
    assert 'data-testid="too-fast"' in visitor.shown
    assert 'value="kari@sagene-if.example"' in visitor.shown
    assert nothing_signed_up(open_hub)
    time.sleep(1.05)  # the form shown again keeps when it was first shown
    assert visitor.submit(TYPED).status_code == 303


@pytest.mark.parametrize("started", ["", "1700000000", "eyJ0IjoxfQ.forged.sig"])
def test_a_missing_or_forged_start_time_counts_as_too_fast(open_hub, visitor, started):
    visitor.open()
    answer = visitor.submit({**TYPED, "started": started})
    assert answer.status_code == 422
    assert 'data-testid="too-fast"' in visitor.shown
    assert nothing_signed_up(open_hub)


def test_an_address_that_posts_too_often_is_turned_away(open_hub):
    app = hub_web.create_app(open_hub, {"SIGNUP_MIN_SECONDS": 0, "SIGNUP_PER_ADDRESS": 3})
    visitor = Visitor(app.test_client())
    for n in range(3):
        signed_up(open_hub, visitor, {"name": f"Lag nummer {n}", "email": f"lag{n}@x.example"})
    visitor.open()
    answer = visitor.submit({**TYPED, "name": "Lag nummer 4", "email": "lag4@x.example"})
    assert answer.status_code == 429
    assert 'data-reason="signup_rate_limited"' in visitor.shown
    assert open_hub.evening.participants.signed_up_count() == 3
    # Another address (the next household) is not held up by this one
    other = Visitor(app.test_client())
    other.client.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    signed_up(open_hub, other, {"name": "Naboen", "email": "nabo@x.example"})
    assert open_hub.evening.participants.signed_up_count() == 4


def test_an_upload_over_the_request_limit_is_refused_without_a_500(open_hub, visitor):
    visitor.open()
    huge = png() + b"\0" * (5 * 1024 * 1024)
    answer = visitor.submit(TYPED, files={"logo": huge})
    assert answer.status_code == 413
    assert "Traceback" not in visitor.shown
    assert nothing_signed_up(open_hub)


def test_a_post_without_the_forms_token_is_refused(open_hub, visitor):
    visitor.open()
    data = {**hidden_fields(visitor.shown), **TYPED}
    data.pop("csrf_token")
    assert visitor.client.post("/signup", data=data).status_code == 403
    assert nothing_signed_up(open_hub)
