"""The send log, one email, resending it, ``/api/outbox``, and the public unsubscribe page."""

from __future__ import annotations

from flask import abort, jsonify, make_response, redirect, render_template, request, url_for

from hub.auth.access import public
from hub.mail import current_mailroom, presenter
from hub.mail.domain import STATUSES
from hub.mail.outbox import MailRefused
from hub.mail.sealing import is_tag
from shared.web import _, current_language, is_htmx
from shared.web.csrf import csrf_exempt

PAGE = 50
API_LIMIT = 200


def _page_number() -> int:
    raw = request.args.get("page", "1")
    return max(1, min(int(raw), 10_000)) if raw.isdigit() else 1


def send_log():
    mailroom = current_mailroom()
    outbox = mailroom.outbox
    status = request.args.get("status", "")
    status = status if status in STATUSES else ""
    kind = request.args.get("kind", "")
    page = _page_number()
    with outbox.lock:
        rows, total = outbox.log.latest(status, kind, PAGE, (page - 1) * PAGE)
        counts, kinds = outbox.log.counts(), outbox.log.kinds()
        unconfirmed = outbox.log.unconfirmed_total
    context = {
        "entries": presenter.entries(mailroom, rows, current_language()),
        "counts": counts,
        "kinds": kinds,
        "filters": {"status": status, "kind": kind},
        "page": page,
        "pages": max(1, -(-total // PAGE)),
        "total": total,
        "unconfirmed": unconfirmed,
        "settings": mailroom.settings.load(),
        "sender": mailroom.sender.state if mailroom.sender else None,
        "notice": _notice(),
        "active": "mail",
        "tab": "log",
    }
    template = "mail/_log.html" if is_htmx() else "mail/log.html"
    return render_template(template, **context)


def _notice() -> str:
    if request.args.get("queued", "").isdigit():
        return _("mail.queued_notice", num=int(request.args["queued"]))
    if request.args.get("resent"):
        return _("mail.resent_notice")
    return ""


def email_detail(email_id: str):
    mailroom = current_mailroom()
    row = mailroom.outbox.log.rows.get(email_id)
    if row is None:
        abort(404)
    (entry,) = presenter.entries(mailroom, [row], current_language())
    return render_template(
        "mail/detail.html",
        entry=entry,
        steps=presenter.history(row, current_language()),
        notice=_notice(),
        active="mail",
        tab="log",
    )


def resend(email_id: str):
    try:
        current_mailroom().outbox.resend(email_id)
    except MailRefused as refused:
        if refused.status == 404:
            abort(404)
        return redirect(url_for("hub_mail.email_detail", email_id=email_id))
    return redirect(url_for("hub_mail.email_detail", email_id=email_id, resent=1))


def outbox_api():
    """Counts by status and the latest emails with their outcome (no addresses, no texts)."""
    mailroom = current_mailroom()
    outbox = mailroom.outbox
    limit = request.args.get("limit", "50")
    limit = max(1, min(int(limit), API_LIMIT)) if limit.isdigit() else 50
    status = request.args.get("status", "")
    if status and status not in STATUSES:
        return jsonify({"error": "unknown_status", "message": "no such status"}), 400
    with outbox.lock:
        rows, total = outbox.log.latest(status, "", limit)
        body = {
            "counts": outbox.log.counts(),
            "total": total,
            "unconfirmed_resends": outbox.log.unconfirmed_total,
            "configured": mailroom.settings.load().ready,
            "sender": mailroom.sender.state.as_json() if mailroom.sender else {"phase": "off"},
            "latest": [row.as_json() for row in rows],
        }
    return jsonify(body)


@public
@csrf_exempt
def unsubscribe(tag: str):
    """The link in every invitation and reminder: a page with one button, and the one-click
    POST a mail client sends for ``List-Unsubscribe-Post``. A GET changes nothing: mail
    scanners open links."""
    if not is_tag(tag):
        abort(404)
    outbox = current_mailroom().outbox
    if request.method == "POST":
        one_click = request.form.get("List-Unsubscribe") == "One-Click"
        if not outbox.unsubscribe(tag, "one_click" if one_click else "page"):
            abort(404)
        if one_click:
            return make_response("unsubscribed\n", 200, {"Content-Type": "text/plain"})
        return render_template("mail/unsubscribe.html", tag=tag, done=True)
    if tag not in outbox.log.tags_seen:
        abort(404)
    return render_template("mail/unsubscribe.html", tag=tag, done=outbox.log.opted_out(tag))
