"""The SMTP settings page (with where each value came from) and the test email."""

from __future__ import annotations

import uuid

from flask import abort, make_response, render_template, request

from hub.mail import current_mailroom
from hub.mail.domain import SETTLED
from hub.mail.outbox import MailRefused
from hub.mail.presenter import reason
from hub.mail.settings import DEFAULT_PORTS, EMAIL_PATTERN, ENVIRONMENT, SECURITY
from hub.web import form_errors
from shared.core.checks import ValidationFailed
from shared.web import _, current_language, is_htmx

FORM_FIELDS = (
    "host",
    "port",
    "security",
    "user",
    "password",
    "from_address",
    "reply_to",
    "public_url",
    "signup_url",
    "catalogue_url",
    "per_minute",
    "keep_days",
)


def _page(values: dict, errors: dict, notice: str = "", status: int = 200):
    mailroom = current_mailroom()
    settings = mailroom.settings.load()
    html = render_template(
        "mail/settings.html",
        settings=settings,
        values=values,
        errors=errors,
        notice=notice,
        ENVIRONMENT=ENVIRONMENT,
        SECURITY=SECURITY,
        DEFAULT_PORTS=DEFAULT_PORTS,
        password_saved=mailroom.settings.password_path.exists(),
        test_address=settings.reply_address,
        active="mail",
        tab="settings",
    )
    return make_response(html, status)


def _shown(settings) -> dict:
    values = {name: settings.values.get(name) for name in FORM_FIELDS if name != "password"}
    values["port"] = values["port"] or ""
    return values


def settings_page():
    mailroom = current_mailroom()
    if request.method == "GET":
        return _page(_shown(mailroom.settings.load()), {})
    form = {name: request.form.get(name, "") for name in FORM_FIELDS}
    form["remove_password"] = request.form.get("remove_password") == "on"
    try:
        settings = mailroom.settings.save(form)
    except ValidationFailed as failed:
        form.pop("password")
        return _page(form, form_errors(failed), status=422)
    if mailroom.sender is not None:
        mailroom.sender.wake(reset=True)  # new settings: try at once, forget the backoff
    return _page(_shown(settings), {}, notice=_("hub.saved"))


def send_test():
    """Queue a test email (through the outbox, as every email goes) and show its fate."""
    mailroom = current_mailroom()
    address = request.form.get("address", "").strip()
    if not EMAIL_PATTERN.match(address):
        return _test_status_page(None, _("error.invalid_email"), 422)
    try:
        email_id = mailroom.outbox.queue(
            "test", None, "test", {}, once_key=f"test:{uuid.uuid4()}", to=address,
            lang=current_language(),
        )  # fmt: skip
    except MailRefused as refused:
        return _test_status_page(None, _(f"mail.refused.{refused.code}"), 422)
    if mailroom.sender is not None:
        mailroom.sender.wake(reset=True)
    return _test_status_page(email_id, "", 200)


def test_status(email_id: str):
    if email_id not in current_mailroom().outbox.log.rows:
        abort(404)
    return _test_status_page(email_id, "", 200)


def _test_status_page(email_id: str | None, problem: str, status: int):
    mailroom = current_mailroom()
    row = mailroom.outbox.log.rows.get(email_id) if email_id else None
    sender = mailroom.sender.state if mailroom.sender else None
    html = render_template(
        "mail/_test_status.html",
        row=row,
        problem=problem,
        why=reason(row, current_language(), sender) if row else "",
        settled=row is not None and row.status in SETTLED,
        sender=sender,
    )
    if not is_htmx():
        html = render_template("mail/test_page.html", fragment=html, active="mail", tab="settings")
    return make_response(html, status)
