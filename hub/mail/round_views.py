"""Invitation rounds by sector, opt-outs the organiser records, and the reminder's page."""

from __future__ import annotations

from flask import make_response, redirect, render_template, request, url_for

from hub.mail import audience, current_mailroom
from hub.mail.outbox import MailRefused
from hub.mail.settings import validate_reminder
from hub.web import form_errors
from shared.core.checks import ValidationFailed
from shared.core.vocabulary import DEFAULT_LANGUAGE, LANGUAGES, SECTORS
from shared.participants.rules import _EMAIL as EMAIL_PATTERN
from shared.web import _, is_htmx


def _choices(source) -> dict:
    sector = source.get("sector", "")
    lang = source.get("lang", DEFAULT_LANGUAGE)
    return {
        "sector": sector if sector in SECTORS else SECTORS[0],
        # The form sends the box, then a hidden "off": the first value wins, so an unticked
        # box reads "off", and a first visit with no values means the default (ticked).
        "only_not_signed_up": source.get("only_not_signed_up", "on") == "on",
        "lang": lang if lang in LANGUAGES else DEFAULT_LANGUAGE,
    }


def invitations():
    mailroom = current_mailroom()
    if request.method == "POST":
        chosen = _choices(request.form)
        try:
            queued = audience.send_invitations(
                mailroom,
                chosen["sector"],
                chosen["only_not_signed_up"],
                chosen["lang"],
                request.host_url,
            )
        except MailRefused as refused:
            return _round_page(chosen, problem=_(f"mail.refused.{refused.code}"), status=422)
        return redirect(url_for("hub_mail.send_log", kind="invitation", queued=queued))
    return _round_page(_choices(request.args))


def _round_page(chosen: dict, problem: str = "", status: int = 200, notice: str = ""):
    mailroom = current_mailroom()
    people = audience.invitation_round(mailroom, chosen["sector"], chosen["only_not_signed_up"])
    context = {
        "chosen": chosen,
        "people": people,
        "going": sum(1 for p in people if not p.skip),
        "problem": problem,
        "notice": notice,
        "settings": mailroom.settings.load(),
        "SECTORS": SECTORS,
        "active": "mail",
        "tab": "invitations",
    }
    template = "mail/_round.html" if is_htmx() else "mail/invitations.html"
    return make_response(render_template(template, **context), status)


def optouts():
    """The organiser records an opt-out that came by reply or phone, or lifts one."""
    outbox = current_mailroom().outbox
    address = request.form.get("address", "").strip()
    back = _choices(request.form)
    if not EMAIL_PATTERN.match(address):
        return _round_page(back, problem=_("error.invalid_email"), status=422)
    if request.form.get("action") == "lift":
        outbox.lift_optout(address)
        notice = _("mail.optout_lifted")
    else:
        outbox.unsubscribe_address(address)
        notice = _("mail.optout_recorded")
    return _round_page(back, notice=notice)


def reminder():
    mailroom = current_mailroom()
    errors, notice, status = {}, "", 200
    if request.method == "POST":
        try:
            on, at = validate_reminder(request.form)
        except ValidationFailed as failed:
            errors, status = form_errors(failed), 422
        else:
            mailroom.settings.save_reminder(on, at)
            notice = _("hub.saved")
            if mailroom.sender is not None:
                mailroom.sender.wake()
    return _reminder_page(errors, notice, status)


def _reminder_page(errors: dict, notice: str = "", status: int = 200):
    mailroom = current_mailroom()
    settings = mailroom.settings.load()
    people = audience.reminder_round(mailroom)
    html = render_template(
        "mail/reminder.html",
        settings=settings,
        values=request.form if errors else settings.values,
        errors=errors,
        notice=notice,
        window=audience.reminder_window(mailroom.hub.evening, settings),
        plan=mailroom.hub.evening.settings or {},
        people=people,
        going=sum(1 for p in people if not p.skip),
        sent=sum(1 for p in people if p.skip == audience.SKIP_ALREADY_SENT),
        active="mail",
        tab="reminder",
    )
    return make_response(html, status)


def send_reminder_now():
    queued = audience.send_reminders(current_mailroom())
    return redirect(url_for("hub_mail.send_log", kind="reminder", queued=queued))
