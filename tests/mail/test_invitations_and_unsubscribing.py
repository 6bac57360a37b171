"""Invitation rounds from the register: by sector and "not signed up yet", never the same
invitation twice, and an unsubscribe (the page's button or a mail client's one-click POST,
RFC 8058) honoured for every later invitation, also one already waiting in the outbox."""

from __future__ import annotations

import re

from hub.mail.audience import SKIP_ALREADY_SENT, SKIP_OPTED_OUT, invitation_round
from hub.mail.domain import email_id_for
from hub.participants import register
from tests.mail.conftest import invite_actors, save_links, wait_settled
from tests.signup.conftest import SETTINGS
from tests.support.auth import csrf_token_in
from tests.support.evenings import SAGENE_EVENING


def _round(client, sector="voluntary"):
    page = client.get(f"/mail/invitations?sector={sector}").get_data(as_text=True)
    return client.post(
        "/mail/invitations",
        data={
            "sector": sector,
            "only_not_signed_up": "on",
            "lang": "nb",
            "csrf_token": csrf_token_in(page),
        },
    )


def test_pressing_send_twice_sends_each_invitation_once(mail_hub, mailroom, organiser_client):
    invite_actors(mail_hub)
    mail_hub.register_participant(  # signed up already: not invited again by default
        {"name": "Sagene IF", "sector": "voluntary", "email": "post@sagene-if.example"}
    )
    first = _round(organiser_client)
    assert first.status_code == 302 and "queued=1" in first.headers["Location"]
    again = _round(organiser_client)
    assert "queued=0" in again.headers["Location"]
    page = organiser_client.get("/mail/invitations?sector=voluntary").get_data(as_text=True)
    assert re.findall(r'data-skip="([a-z_]*)"', page) == ["already_sent", "signed_up"]
    assert mailroom.outbox.log.counts()["queued"] == 1


def test_an_unsubscribed_address_gets_no_further_invitation(
    mail_hub, mailroom, mail_app, smtp_env, running_sender, organiser_client
):
    ids = invite_actors(mail_hub)
    save_links(mailroom)
    assert "queued=1" in _round(organiser_client).headers["Location"]
    wait_settled(mailroom, 1)
    (message,) = smtp_env.mailbox.messages
    link = re.search(r"<http://hub\.example(/mail/unsubscribe/[^?>]+)", message["List-Unsubscribe"])

    # A mail client's one-click POST: no session, no CSRF token, the tag in the URL is the proof.
    stranger = mail_app.test_client()
    assert stranger.get(link.group(1)).status_code == 200  # a GET (a link scanner) changes nothing
    assert not mailroom.outbox.opted_out("ase@bjornholt.example")
    answer = stranger.post(link.group(1), data={"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert mailroom.outbox.opted_out("ase@bjornholt.example")
    assert stranger.post("/mail/unsubscribe/" + "A" * 22).status_code == 404  # made-up tag

    # Next year's evening: a new round, with a new once key for everyone.
    mail_hub.schedule_evening({**SAGENE_EVENING, "date": "2027-11-24"})
    with mail_hub.evening.lock.reading():
        (candidate,) = invitation_round(mailroom, "voluntary")
    assert candidate.skip == SKIP_OPTED_OUT
    assert "queued=0" in _round(organiser_client).headers["Location"]

    # An invitation queued before the opt-out (another letter) is withheld, not sent.
    mailroom.outbox.queue(
        "invitation", ids["ase@bjornholt.example"], "invitation.public", {}, once_key="late"
    )
    wait_settled(mailroom, 2)
    assert mailroom.outbox.log.rows[str(email_id_for("late"))].withheld_reason == "unsubscribed"
    assert len(smtp_env.mailbox.messages) == 1
    # The confirmation answers something the person did: it still goes.
    mailroom.outbox.queue(
        "confirmation", ids["ase@bjornholt.example"], "confirmation", {}, once_key="c"
    )
    wait_settled(mailroom, 3)
    assert len(smtp_env.mailbox.messages) == 2


def test_the_unsubscribe_page_takes_the_opt_out_with_its_button(
    mail_hub, mailroom, mail_app, organiser_client
):
    invite_actors(mail_hub)
    _round(organiser_client)
    (row,) = mailroom.outbox.log.rows.values()
    stranger = mail_app.test_client()
    page = stranger.get(f"/mail/unsubscribe/{row.address_tag}?lang=en").get_data(as_text=True)
    assert "Unsubscribe me" in page
    done = stranger.post(f"/mail/unsubscribe/{row.address_tag}?lang=en")
    assert "You are unsubscribed" in done.get_data(as_text=True)
    with mail_hub.evening.lock.reading():
        (candidate,) = invitation_round(mailroom, "voluntary")
    assert candidate.skip in (SKIP_ALREADY_SENT, SKIP_OPTED_OUT)
    assert mailroom.outbox.log.opted_out(row.address_tag)


def test_an_invitation_carries_the_invitees_own_sign_up_link(
    mail_hub, mailroom, mail_app, smtp_env, running_sender, organiser_client
):
    register.configure_signup(mail_hub, {**SETTINGS, "mode": "invitation"})  # the small model
    invite_actors(mail_hub)
    _round(organiser_client, "business")
    wait_settled(mailroom, 1)
    (message,) = smtp_env.mailbox.messages
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"http://localhost(/signup/invitation/\S+)", body)
    assert link is not None, body
    form = mail_app.test_client().get(link.group(1))
    assert form.status_code == 200
    assert "Snekker Søvik AS" in form.get_data(as_text=True)  # the invitee's own sign-up


def test_moved_to_another_sector_or_sent_in_english_they_are_not_invited_again(
    mail_hub, mailroom, organiser_client
):
    ids = invite_actors(mail_hub)
    assert "queued=1" in _round(organiser_client).headers["Location"]
    register.change(
        mail_hub,
        ids["ase@bjornholt.example"],
        {"name": "Bjørnholt Æsj-lag", "sector": "business", "contact_person": "Åse Ødegård",
         "email": "ase@bjornholt.example", "needs": [], "offers": []},
        "organiser",
    )  # fmt: skip
    with mail_hub.evening.lock.reading():
        skips = {c.name: c.skip for c in invitation_round(mailroom, "business")}
    assert skips == {"Bjørnholt Æsj-lag": SKIP_ALREADY_SENT, "Snekker Søvik AS": ""}
    assert mailroom.outbox.log.counts()["queued"] == 1
