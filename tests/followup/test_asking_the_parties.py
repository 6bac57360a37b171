"""Asking the parties when a deadline has passed: the question emailed once to each party,
with personal links that need no login; the answers land on the board as events. The links:
answered once, expired, tampered, answered twice."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from hub.followup import asking, desk
from tests.support.auth import csrf_token_in

LINK = re.compile(r"http://hub\.example/followup/answer/([\w.\-]+)\?a=done")


@pytest.fixture
def mailroom(app):
    yield app.extensions["mail"]
    app.extensions["mail"].close()


@pytest.fixture
def after_deadline(evening, monkeypatch):
    """The day after the first deadline, on the hub's pages too."""
    deadline = dt.date.fromisoformat(evening.hub.evening.deals[evening.deals["bake"]].deadline)
    later = deadline + dt.timedelta(days=1)
    monkeypatch.setattr(desk, "today", lambda: later)
    return later


def _links(mailroom) -> dict[str, str]:
    """participant's email -> the token of their 'done' link, from the queued emails."""
    found = {}
    for row in mailroom.outbox.log.rows.values():
        payload = mailroom.outbox.opened(row)
        match = LINK.search(payload["text"])
        if match:
            found[(payload["to"], payload["subject"])] = match.group(1)
    return found


def _token_for(mailroom, address: str, partner: str) -> str:
    links = _links(mailroom)
    return next(t for (to, subject), t in links.items() if to == address and partner in subject)


def _answer(client, token: str, answer: str, reason: str = ""):
    page = client.get(f"/followup/answer/{token}")
    data = {"answer": answer, "reason": reason}
    if page.status_code == 200:
        data["csrf_token"] = csrf_token_in(page.get_data(as_text=True))
    return client.post(f"/followup/answer/{token}", data=data)


def test_a_passed_deadline_asks_each_party_once(evening, organiser, mailroom, after_deadline):
    hub = evening.hub
    assert organiser.post("/followup/asking", data={"on": "1"}).status_code == 303
    assert hub.evening.followup.asking
    chore = asking.chore(mailroom, every=0)
    chore(dt.datetime.now(dt.UTC))  # no public address yet: waits
    assert mailroom.outbox.log.counts()["queued"] == 0
    settings = mailroom.settings.saved()
    settings["public_url"] = "http://hub.example"
    mailroom.settings.path.write_text(__import__("json").dumps(settings))
    later = dt.datetime.combine(after_deadline, dt.time(12), dt.UTC)
    chore(later)
    # the bakery's two deals passed their deadline; the nursing home's is later
    assert mailroom.outbox.log.counts()["queued"] == 4
    cards = {d: hub.evening.followup.card(d) for d in evening.deals.values()}
    assert cards[evening.deals["bake"]].asked_on == after_deadline.isoformat()
    assert cards[evening.deals["room"]].asked_on == ""
    chore(later)  # asked already: nothing again
    assert mailroom.outbox.log.counts()["queued"] == 4
    board = organiser.get("/api/followup").get_json()
    flagged = {d["id"] for d in board["deals"] if d["flagged"]}
    assert flagged == {evening.deals["bake"], evening.deals["walk"]}


@pytest.fixture
def asked(evening, mailroom, after_deadline):
    assert asking.ask(evening.hub, mailroom.outbox, after_deadline, "http://hub.example") == 2
    return mailroom


def test_an_answer_lands_on_the_board_once(evening, app, organiser, asked):
    hub = evening.hub
    token = _token_for(asked, "berit@bakeri.example", "Sagene IF")
    guest = app.test_client()  # no login: the link is the key
    page = guest.get(f"/followup/answer/{token}?a=done")
    assert page.status_code == 200
    assert 'value="done" checked' in page.get_data(as_text=True)
    assert (
        hub.evening.followup.card(evening.deals["bake"]).answers == {}
    )  # opening is not answering
    answered = _answer(guest, token, "done")
    assert answered.status_code == 200 and 'data-testid="answered"' in answered.get_data(
        as_text=True
    )
    card = hub.evening.followup.card(evening.deals["bake"])
    assert card.status == "done" and list(card.answers) == [evening.ids["bakeri"]]
    listed = organiser.get("/api/followup").get_json()["deals"]
    row = next(d for d in listed if d["id"] == evening.deals["bake"])
    assert row["answers"][0]["participant_id"] == evening.ids["bakeri"]
    assert row["answers"][0]["answer"] == "done"
    history = organiser.get(f"/followup/{evening.deals['bake']}").get_data(as_text=True)
    assert "Svar fra en part" in history


def test_answered_twice_records_the_first_answer_only(evening, app, asked):
    hub = evening.hub
    token = _token_for(asked, "kari@sagene-if.example", "Kvernbakken")
    guest = app.test_client()
    assert _answer(guest, token, "not_feasible", "").status_code == 422  # why is needed
    assert _answer(guest, token, "not_feasible", "Cupen ble avlyst").status_code == 200
    head = hub.store.head()
    again = _answer(guest, token, "done")
    assert again.status_code == 200 and "Cupen" not in again.get_data(as_text=True)
    assert hub.store.head() == head
    card = hub.evening.followup.card(evening.deals["bake"])
    assert (card.status, card.reason) == ("not_feasible", "Cupen ble avlyst")


def test_an_expired_link_answers_nothing(evening, app, asked, after_deadline):
    hub = evening.hub
    old = asking.links(hub).make_answer(
        evening.deals["bake"], evening.ids["bakeri"], after_deadline - dt.timedelta(days=1)
    )
    guest = app.test_client()
    head = hub.store.head()
    refused = guest.get(f"/followup/answer/{old}")
    assert refused.status_code == 410 and "for gammel" in refused.get_data(as_text=True)
    token = csrf_token_in(refused.get_data(as_text=True))
    posted = guest.post(f"/followup/answer/{old}", data={"answer": "done", "csrf_token": token})
    assert posted.status_code == 410
    assert hub.store.head() == head


def test_a_tampered_link_answers_nothing(evening, app, asked, after_deadline):
    hub = evening.hub
    token = _token_for(asked, "berit@bakeri.example", "Sagene IF")
    payload, _, signature = token.rpartition(".")
    flipped = payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1]
    guest = app.test_client()
    head = hub.store.head()
    for bad in (f"{flipped}.{signature}", token[:-3], "x"):
        assert guest.get(f"/followup/answer/{bad}").status_code == 404
    # a valid signature for someone who is not a party of that deal
    stranger = asking.links(hub).make_answer(
        evening.deals["bake"], evening.ids["korps"], after_deadline + dt.timedelta(days=5)
    )
    assert guest.get(f"/followup/answer/{stranger}").status_code == 404
    assert hub.store.head() == head
