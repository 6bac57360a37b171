"""The SMTP settings page: what the organiser saves (the password alone in an owner-only
file, never shown again), what the environment sets (shown as such, and winning), form errors
beside their fields, and the test email's fate from the real server."""

from __future__ import annotations

import re
import stat

from tests.support.auth import csrf_token_in
from tests.support.processes import wait_until


def _form(client, **typed):
    page = client.get("/mail/settings").get_data(as_text=True)
    data = {
        "host": "smtp.kommune.example",
        "port": "",
        "security": "starttls",
        "user": "arrangor",
        "password": "",
        "from_address": "Frivilligbørs <post@kommune.example>",
        "reply_to": "",
        "public_url": "",
        "signup_url": "",
        "catalogue_url": "",
        "per_minute": "0",
        "keep_days": "90",
        "csrf_token": csrf_token_in(page),
        **typed,
    }
    return client.post("/mail/settings", data=data)


def _source(html: str, field: str) -> str:
    return re.search(rf'data-testid="source-{field}">([^<]*)<', html).group(1)


def test_saved_settings_keep_the_password_private(mailroom, organiser_client, monkeypatch):
    for name in ("HOST", "PORT", "TLS", "USER", "PASSWORD", "FROM"):
        monkeypatch.delenv(f"BORS_SMTP_{name}", raising=False)
    answer = _form(organiser_client, password="hemmelig-æøå")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "hemmelig" not in html
    assert _source(html, "host") == "lagret her"
    assert _source(html, "port") == "standard"
    password_file = mailroom.settings.password_path
    assert password_file.read_text() == "hemmelig-æøå"
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    assert "hemmelig" not in mailroom.settings.path.read_text()
    assert stat.S_IMODE(mailroom.settings.path.stat().st_mode) == 0o600

    _form(organiser_client, password="")  # an empty field keeps the saved password
    settings = mailroom.settings.load()
    assert settings.password == "hemmelig-æøå" and settings.smtp_port == 587


def test_the_environment_wins_and_the_page_says_so(mailroom, organiser_client, monkeypatch):
    monkeypatch.setenv("BORS_SMTP_HOST", "smtp.fra-miljoet.example")
    monkeypatch.setenv("BORS_SMTP_TLS", "tls")
    _form(organiser_client, host="smtp.lagret.example")
    html = organiser_client.get("/mail/settings").get_data(as_text=True)
    assert _source(html, "host") == "fra miljøet (BORS_SMTP_HOST)"
    assert _source(html, "security") == "fra miljøet (BORS_SMTP_TLS)"
    assert _source(html, "from_address") == "lagret her"
    settings = mailroom.settings.load()
    assert (settings.host, settings.security, settings.smtp_port) == (
        "smtp.fra-miljoet.example",
        "tls",
        465,
    )


def test_wrong_values_are_shown_beside_their_fields_and_nothing_is_stored(
    mailroom, organiser_client, monkeypatch
):
    monkeypatch.delenv("BORS_SMTP_HOST", raising=False)
    answer = _form(
        organiser_client, host="smtp.example:25", from_address="ikke en adresse", port="99999"
    )
    assert answer.status_code == 422
    errors = re.findall(r'<p class="field-error">([^<]*)</p>', answer.get_data(as_text=True))
    assert len(errors) == 3
    assert not mailroom.settings.path.exists()


def _press_test(client, address: str):
    """The organiser types an address and presses "send a test email" (htmx)."""
    page = client.get("/mail/settings").get_data(as_text=True)
    return client.post(
        "/mail/settings/test",
        data={"address": address, "csrf_token": csrf_token_in(page)},
        headers={"HX-Request": "true"},
    )


def _status_of(client, answer) -> str:
    """What the test email's fragment shows now (it polls its own address)."""
    url = re.search(r'hx-get="(/mail/settings/test/[^"]+)"', answer.get_data(as_text=True))
    return client.get(url.group(1), headers={"HX-Request": "true"}).get_data(as_text=True)


def test_the_test_email_button_shows_what_the_server_answered(
    mailroom, organiser_client, smtp_env, running_sender
):
    answer = _press_test(organiser_client, "arrangor@kommune.example")
    assert answer.status_code == 200
    wait_until(lambda: 'data-status="sent"' in _status_of(organiser_client, answer))
    (message,) = smtp_env.mailbox.messages
    assert message["Subject"] == "Testmelding fra Frivilligbørs"
    assert message["To"].addresses[0].addr_spec == "arrangor@kommune.example"

    smtp_env.mailbox.refuse_recipients = {"finnes.ikke@kommune.example"}
    answer = _press_test(organiser_client, "finnes.ikke@kommune.example")
    wait_until(lambda: 'data-status="failed"' in _status_of(organiser_client, answer))
    shown = _status_of(organiser_client, answer)
    assert "serveren avviste mottakeradressen" in shown and "550" in shown


def test_a_test_email_to_no_address_is_refused_and_nothing_queued(mailroom, organiser_client):
    answer = _press_test(organiser_client, "ikke en adresse")
    assert answer.status_code == 422
    assert "Ugyldig e-postadresse." in answer.get_data(as_text=True)
    assert mailroom.outbox.log.rows == {}
