"""The organiser's emails after the evening: ``POST /api/mail/after-evening`` (and the same
from the page ``/followup/mail``), anyone's email previewed, one resent."""

from __future__ import annotations

from flask import abort, jsonify, redirect, render_template, request

from hub.followup import mail
from hub.followup.blueprint import followup
from hub.mail import MailRefused, current_mailroom, current_outbox
from hub.web import current_hub
from shared.core.vocabulary import DEFAULT_LANGUAGE, LANGUAGES
from shared.web import _


def _lang() -> str:
    lang = request.values.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


@followup.post("/api/mail/after-evening")
def after_evening_api():
    return jsonify(mail.send_all(current_hub(), current_outbox(), _lang()))


@followup.post("/followup/mail")
def after_evening_form():
    done = mail.send_all(current_hub(), current_outbox(), _lang())
    return redirect(f"/followup/mail?queued={done['queued']}", 303)


def _status(outbox, key: str) -> str:
    row = outbox.log.rows.get(str(mail.email_id_for(key)))
    return row.status if row else ""


@followup.get("/followup/mail")
def mail_page():
    hub, outbox = current_hub(), current_outbox()
    found, no_address = mail.recipients(hub)
    rows = [(r, _status(outbox, r.once_key)) for r in found]
    queued = request.args.get("queued", "")
    return render_template(
        "followup/mail.html",
        active="followup",
        rows=rows,
        missing=[hub.evening.participants[pid] for pid in no_address],
        notice=_("followup.mail.queued", n=queued) if queued.isdigit() else "",
    )


def _recipient(participant_id: str):
    found = mail.recipient_of(current_hub(), participant_id)
    if found is None:
        abort(404)
    return found


@followup.get("/followup/mail/<participant_id>")
def mail_preview(participant_id: str):
    recipient = _recipient(participant_id)
    lang = _lang()
    parts = mail.preview(current_hub(), current_mailroom(), recipient, lang)
    return render_template(
        "followup/mail_preview.html",
        active="followup",
        recipient=recipient,
        parts=parts,
        lang=lang,
        status=_status(current_outbox(), recipient.once_key),
    )


@followup.post("/followup/mail/<participant_id>/resend")
def mail_resend(participant_id: str):
    recipient = _recipient(participant_id)
    outbox = current_outbox()
    try:
        outbox.resend(str(mail.email_id_for(recipient.once_key)))
    except MailRefused as refused:
        if refused.code != "unknown_email":
            raise
        outbox.queue_many(
            [mail.request_for(current_hub(), recipient, mail.Contacts(current_hub()), _lang())]
        )
    return redirect(f"/followup/mail/{participant_id}", 303)
