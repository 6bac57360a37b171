"""The send log: each email queued / sending / sent / failed with the reason, filters by status
and kind, one email's history, and resending one (a sent one gets a Message-ID of its own)."""

from __future__ import annotations

import re

from markupsafe import escape

from hub.mail.audience import send_invitations
from tests.mail.conftest import invite_actors, wait_settled
from tests.support.auth import csrf_token_in


def test_the_log_filters_shows_reasons_and_resends_one(
    mail_hub, mailroom, smtp_env, running_sender, organiser_client
):
    ids = invite_actors(mail_hub)
    smtp_env.mailbox.refuse_recipients = {"oystein@bydel.example"}
    with mail_hub.evening.lock.reading():
        for sector in ("voluntary", "public"):
            send_invitations(mailroom, sector, True, "nb")
    mailroom.outbox.queue(
        "confirmation", ids["pal@sovik.example"], "confirmation", {}, once_key="c:pal"
    )
    wait_settled(mailroom, 3)

    failed = organiser_client.get("/mail?status=failed").get_data(as_text=True)
    assert re.findall(r'data-status="(\w+)"', failed) == ["failed"]
    assert "Grünerløkka Bydelshus" in failed and "serveren avviste mottakeradressen" in failed
    assert "550" in failed
    kinds = organiser_client.get("/mail?kind=confirmation").get_data(as_text=True)
    assert re.findall(r'data-testid="mail-row"', kinds) == ['data-testid="mail-row"']
    api = organiser_client.get("/api/outbox?status=failed").get_json()
    assert api["counts"]["sent"] == 2 and api["counts"]["failed"] == 1
    assert api["latest"][0]["error"]["code"] == "recipient_refused"
    assert "oystein@bydel.example" not in str(api)  # no addresses in the API
    assert organiser_client.get("/api/outbox?status=nonsense").get_json()["error"] == (
        "unknown_status"
    )

    (sent,) = mailroom.outbox.log.for_participant(ids["ase@bjornholt.example"])
    detail = organiser_client.get(f"/mail/log/{sent.id}").get_data(as_text=True)
    assert "ase@bjornholt.example" in detail and str(escape(sent.message_id)) in detail
    answer = organiser_client.post(
        f"/mail/log/{sent.id}/resend", data={"csrf_token": csrf_token_in(detail)}
    )
    assert answer.status_code == 302
    wait_settled(mailroom, 3)
    to_ase = [m for m in smtp_env.mailbox.messages if "ase@" in str(m["To"])]
    assert len(to_ase) == 2
    first, copy = (m["Message-ID"] for m in to_ase)
    assert first != copy and copy == sent.message_id  # the copy is recognisably a copy
    assert re.fullmatch(r"<[0-9a-f]{32}\.1@frivilligbors\.example>", copy)
    history = organiser_client.get(f"/mail/log/{sent.id}").get_data(as_text=True)
    assert "Sendes på nytt etter ønske fra arrangøren" in history
