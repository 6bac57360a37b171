"""The sign-up's confirmation with the participant's own link, and the reminder the day before
at the organiser's time with the place, the catalogue link and their suggestions: both through
the outbox, each once, arriving at a real SMTP server."""

from __future__ import annotations

import datetime as dt

import pytest

import hub as hub_web
from hub.mail.audience import reminder_chore
from hub.participants import register
from hub.service import Hub
from tests.mail.conftest import wait_settled
from tests.signup.conftest import SETTINGS, TYPED, Visitor
from tests.support.auth import csrf_token_in, login_test_client
from tests.support.processes import wait_until

GIVER = {
    **TYPED,
    "name": "Torshov Bydelshus",
    "orgnr": "",
    "sector": "public",
    "contact_person": "Ørjan Ås",
    "email": "orjan@torshov.example",
    "need_category_0": "expertise",
    "need_text_0": "Hjelp med regnskap",
    "offer_category_0": "premises",
    "offer_text_0": "Et rom til trening på tirsdager i gymsalen",
}


@pytest.fixture
def signup_hub(tmp_path):
    hub = Hub(tmp_path / "hub")
    register.configure_signup(hub, SETTINGS)
    yield hub
    hub.close()


@pytest.fixture
def signup_app(signup_hub):
    app = hub_web.create_app(signup_hub, {"SIGNUP_MIN_SECONDS": 0})
    yield app
    app.extensions["mail"].close()


def _sign_up(app, typed: dict, lang: str = "nb") -> tuple[Visitor, str]:
    visitor = Visitor(app.test_client())
    visitor.open(f"/signup?lang={lang}")
    answer = visitor.submit(typed, f"/signup?lang={lang}")
    assert answer.status_code == 303, visitor.shown[:300]
    return visitor, answer.headers["Location"]


def test_a_sign_up_gets_one_confirmation_with_its_own_link(signup_app, smtp_env):
    mailroom = signup_app.extensions["mail"]
    mailroom.start()
    try:
        visitor, welcome = _sign_up(signup_app, TYPED)
        page = visitor.client.get(welcome).get_data(as_text=True)
        visitor.client.get(welcome)  # a reload sends nothing more
        wait_settled(mailroom, 1)
    finally:
        mailroom.stop()
    token = welcome.split("/signup/me/")[1].split("/")[0]
    (message,) = smtp_env.mailbox.messages
    assert message["To"].addresses[0].addr_spec == "kari@sagene-if.example"
    assert message["To"].addresses[0].display_name == "Kari Nordmann"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert f"http://localhost/signup/me/{token}" in body
    assert "Sagene IF er påmeldt" in body
    assert mailroom.outbox.log.counts()["sent"] == 1
    assert "Vi har også sendt lenken til e-postadressen din." in page


def test_the_reminder_goes_the_day_before_at_the_set_time_once(signup_app, signup_hub, smtp_env):
    mailroom = signup_app.extensions["mail"]
    _sign_up(signup_app, TYPED)
    _sign_up(signup_app, GIVER, "en")  # signed up in English: reminded in English
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    signup_hub.schedule_evening(
        {
            "name": "Frivilligbørs Sagene",
            "venue": "Sagene samfunnshus, Kristiansands gate 2",
            "date": tomorrow.isoformat(),
            "opens_at": "23:58",
            "closes_at": "23:59",
            "target": 60,
        }
    )
    chore = reminder_chore(mailroom)
    mailroom.settings.save_reminder(True, "23:59")
    chore(dt.datetime.now(dt.UTC).replace(hour=0, minute=0).astimezone())  # before its time
    assert mailroom.outbox.log.counts()["queued"] == 0

    mailroom.settings.save_reminder(True, "00:00")
    chore(dt.datetime.now().astimezone())
    chore(dt.datetime.now().astimezone())  # the sender's next round: nobody twice
    reminders = [row for row in mailroom.outbox.log.rows.values() if row.kind == "reminder"]
    assert len(reminders) == 2

    mailroom.start()
    try:
        wait_settled(mailroom, 2)
    finally:
        mailroom.stop()
    to_kari = next(m for m in smtp_env.mailbox.messages if "kari@sagene-if.example" in str(m["To"]))
    body = to_kari.get_body(preferencelist=("plain",)).get_content()
    assert "Sagene samfunnshus, Kristiansands gate 2" in body
    assert "23:58–23:59" in body
    assert "Torshov Bydelshus" in body  # their own suggestion from the catalogue
    assert "mailto:post@frivilligbors.example" in to_kari["List-Unsubscribe"]
    to_orjan = next(m for m in smtp_env.mailbox.messages if "orjan@" in str(m["To"]))
    assert to_orjan["Subject"] == "Reminder: Frivilligbørs Sagene tomorrow"
    assert to_kari["Subject"] == "Påminnelse: Frivilligbørs Sagene i morgen"


def test_the_organiser_turns_the_reminder_on_and_the_sender_sends_it(
    signup_app, signup_hub, smtp_env
):
    """End to end: the reminder page's form, the sender thread's own round, the server."""
    _sign_up(signup_app, TYPED)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    signup_hub.schedule_evening(
        {"name": "Frivilligbørs Sagene", "venue": "Sagene samfunnshus",
         "date": tomorrow.isoformat(), "opens_at": "23:58", "closes_at": "23:59", "target": 60}
    )  # fmt: skip
    organiser = login_test_client(signup_app.test_client(), signup_hub.data_dir)
    mailroom = signup_app.extensions["mail"]
    mailroom.start()
    try:
        page = organiser.get("/mail/reminder").get_data(as_text=True)
        answer = organiser.post(
            "/mail/reminder",
            data={"reminder_on": "on", "reminder_at": "00:00", "csrf_token": csrf_token_in(page)},
        )
        assert answer.status_code == 200
        assert 'data-testid="reminder-window"' in answer.get_data(as_text=True)
        wait_until(
            lambda: any("Påminnelse" in str(m["Subject"]) for m in smtp_env.mailbox.messages)
        )
    finally:
        mailroom.stop()
    reminders = [m for m in smtp_env.mailbox.messages if "Påminnelse" in str(m["Subject"])]
    assert len(reminders) == 1 and "kari@sagene-if.example" in str(reminders[0]["To"])
