"""Each participant's email after the evening, through the outbox and a real SMTP server
(aiosmtpd): one email per participant, parsed and compared with the hub's deals, partners'
details and deadlines; the .ics read back with icalendar; a second call queues nothing."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from hub.followup import mail
from shared.core.vocabulary import DEFAULT_LANGUAGE
from shared.i18n import format_date, translate
from tests.followup.conftest import PEOPLE, WALK_IN
from tests.mail.smtp_server import SmtpServer
from tests.support.processes import wait_until

ADDRESS = {**{v["email"]: k for k, v in PEOPLE.items()}, WALK_IN["email"]: "walk_in"}
CONTACTS = {**PEOPLE, "walk_in": WALK_IN}


@pytest.fixture
def smtp(monkeypatch):
    server = SmtpServer().start()
    for name, value in server.env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("BORS_SMTP_PASSWORD", "")
    yield server
    server.stop()


@pytest.fixture
def mailroom(app):
    yield app.extensions["mail"]
    app.extensions["mail"].close()


def _deals_of(hub, participant_id):
    return [d for d in hub.evening.deals.counted_deals() if participant_id in d.party_ids]


def _ics_of(message):
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert part.get_filename() == "avtaler.ics"
    return icalendar.Calendar.from_ical(part.get_content())


def test_every_participant_gets_one_email_with_their_deals(evening, organiser, smtp, mailroom):
    hub = evening.hub
    answer = organiser.post("/api/mail/after-evening")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    figures = answer.get_json()
    assert figures == {"queued": 5, "already": 0, "deals": 4, "thanks": 1, "no_address": []}
    mailroom.start()
    wait_until(lambda: smtp.mailbox.count() >= 5, timeout=20)
    assert organiser.post("/api/mail/after-evening").get_json()["queued"] == 0
    wait_until(lambda: mailroom.outbox.log.counts()["sent"] == 5, timeout=10)
    messages = {}
    for message in smtp.mailbox.messages:
        (to,) = [a.addr_spec for a in message["To"].addresses]
        assert ADDRESS[to] not in messages, "one email per participant"
        messages[ADDRESS[to]] = message
    assert set(messages) == set(ADDRESS.values())

    for short, message in messages.items():
        pid = evening.ids[short]
        text = message.get_body(("plain",)).get_content()
        deals = _deals_of(hub, pid)
        if not deals:
            assert short == "korps"
            assert message["Subject"].startswith("Takk for at dere var med")
            assert "Lokale til møter på kveldstid" in text  # the matching offer of the nursing home
            assert not list(message.iter_attachments())
            continue
        lines = [line for line in text.splitlines() if line.startswith("- Avtale ")]
        assert len(lines) == len(deals)
        calendar = _ics_of(message)
        events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
        assert len(events) == len(deals)
        for deal in deals:
            (line,) = [x for x in lines if x.startswith(f"- Avtale {deal.number},")]
            assert f"frist {format_date(deal.deadline, DEFAULT_LANGUAGE)}" in line
            for party in deal.parties:
                gives = party["gives"]
                if party["participant_id"] == pid:
                    assert f"dere gir «{gives}»" in line or (not gives and "dere gir —" in line)
                    continue
                partner = next(k for k, v in evening.ids.items() if v == party["participant_id"])
                details = CONTACTS[partner]
                assert f"{details['name']} gir «{gives}»" in line or not gives
                for key in ("contact_person", "email", "phone"):
                    assert details[key] in line
            assert translate(f"category.{deal.category}", "nb").lower() in line.lower()
            event = events[f"{deal.id}.{pid}@frivilligbors"]
            assert event.decoded("DTSTART") == dt.date.fromisoformat(deal.deadline)
            assert deal.number in str(event["SUMMARY"])


def test_walk_ins_without_an_address_are_named_and_the_rest_go(evening, organiser, mailroom):
    hub = evening.hub
    walk_in = hub.register_deal(
        {
            "parties": [
                {"participant_id": evening.ids["korps"], "gives": "Konsert"},
                {"walk_in": {"name": "Stille Nabo", "sector": "public"}, "gives": "Sal"},
            ],
            "category": "culture",
            "kind": "mutual",
            "deadline": (dt.date.today() + dt.timedelta(days=9)).isoformat(),
            "broker": "Kari",
        }
    )
    assert walk_in
    figures = organiser.post("/api/mail/after-evening").get_json()
    silent = next(p.id for p in hub.evening.participants.values() if p.name == "Stille Nabo")
    assert figures["no_address"] == [silent]
    assert figures["queued"] == 5 and figures["thanks"] == 0  # the band has a deal now


def test_the_organiser_previews_anyones_email_and_resends_one(evening, organiser, mailroom):
    pid = evening.ids["idrett"]
    page = organiser.get(f"/followup/mail/{pid}").get_data(as_text=True)
    assert "Avtalene deres fra Frivilligbørs Sagene" in page
    assert "berit@bakeri.example" in page and "siri@tarnlia.example" in page
    assert organiser.get(f"/followup/mail/{pid}?lang=en").get_data(as_text=True).count("Deal ") == 2
    assert organiser.get("/followup/mail/not-anyone").status_code == 404
    assert mailroom.outbox.log.counts()["queued"] == 0  # a preview queues nothing
    organiser.post(f"/followup/mail/{pid}/resend")  # never sent: queued now, once
    assert mailroom.outbox.log.counts()["queued"] == 1
    listed = organiser.get("/followup/mail").get_data(as_text=True)
    assert "Sagene IF" in listed and "Nabolaget Vel" in listed
    assert mail.send_all(evening.hub, mailroom.outbox)["already"] == 1
