"""The public sign-up (``/signup``, ``?lang=en``) and an invitation's sign-up: no login.

Thin views: the form is read by :class:`hub.participants.forms.ParticipantForm`, robots are
kept off by :mod:`hub.signup.spam`, the sign-up is :func:`hub.participants.register.sign_up`.
Every page works without JavaScript: "one more need" is a submit button that shows the form
again with a row added, and a logo that was accepted is kept (by its stored name) while the
rest of the form is corrected.
"""

from __future__ import annotations

import datetime as dt
import logging

from flask import abort, make_response, redirect, render_template, request, send_file

from hub.auth.access import public
from hub.participants import register
from hub.participants.forms import ParticipantForm
from hub.participants.links import INVITE
from hub.signup import spam
from hub.signup.blueprint import signup
from hub.signup.consent import consent_of, retention_of
from hub.web import current_hub
from shared.core.checks import ValidationFailed
from shared.core.vocabulary import CATEGORIES, SECTORS
from shared.participants.commands import check_signup_open
from shared.participants.rules import (
    LOGO_MAX_BYTES,
    STATUS_SIGNED_UP,
    consent_text_changed,
    validate_signup,
)
from shared.web import current_language

log = logging.getLogger(__name__)


def closed_reason(invited: bool = False) -> str | None:
    """Why sign-up is closed now (``signup_closed``, ``signup_deadline_passed``,
    ``signup_full``, ``signup_invitation_only``), or None while it is open."""
    participants = current_hub().evening.participants
    settings = participants.signup_settings
    if settings is not None and settings["mode"] == "invitation" and not invited:
        return "signup_invitation_only"
    try:
        check_signup_open(
            settings, participants.signed_up_count(), dt.date.today(), invited=invited
        )
    except ValidationFailed as closed:
        return closed.codes().get("signup", "signup_closed")
    return None


def _settings() -> dict:
    return current_hub().evening.participants.signup_settings or {}


def _page(
    form: ParticipantForm, action: str, status: int = 200, invitee=None, too_fast: bool = False
):
    settings = _settings()
    text, digest = consent_of(settings, current_language())
    html = render_template(
        "signup/form.html",
        form=form,
        action=action,
        invitee=invitee,
        consent_text=text,
        consent_digest=digest,
        started=spam.started_token(),
        honeypot=spam.HONEYPOT,
        settings=settings,
        retention=retention_of(settings),
        evening=current_hub().evening.settings or {},
        SECTORS=SECTORS,
        CATEGORIES=CATEGORIES,
        logo_limit_mb=LOGO_MAX_BYTES // (1024 * 1024),
        too_fast=too_fast,
    )
    return make_response(html, status)


def _closed(reason: str, status: int = 200):
    html = render_template(
        "signup/closed.html",
        reason=reason,
        settings=_settings(),
        evening=current_hub().evening.settings or {},
    )
    return make_response(html, status)


def _store_logo(form: ParticipantForm) -> ValidationFailed | None:
    upload = request.files.get("logo")
    if upload is None or not upload.filename:
        return None
    raw = upload.stream.read(LOGO_MAX_BYTES + 1)
    try:
        form.values["logo"] = register.logos(current_hub()).store(raw)
    except ValidationFailed as refused:
        form.values["logo"] = ""
        return refused
    return None


def _problems(data: dict, consent_digest: str, upload: ValidationFailed | None) -> list:
    """What is wrong before the sign-up is tried: a refused logo, consent to words that have
    changed since the page was shown; with them, every other field's error at once."""
    problems = []
    if upload is not None:
        problems += upload.errors
    if data["consent"] and request.form.get("consent_digest") != consent_digest:
        problems += consent_text_changed().errors
    if problems:
        try:
            validate_signup(data)
        except ValidationFailed as failed:
            problems += [e for e in failed.errors if e.field != "consent"]
    return problems


def _submit(action: str, invitee=None):
    """One post of the form: robots, then rows added, then the sign-up itself."""
    if spam.caught_in_honeypot():
        log.warning("sign-up honeypot filled from %s: nothing stored", request.remote_addr)
        return render_template("signup/thanks.html")
    if spam.rate_limited():
        return _closed("signup_rate_limited", 429)
    form = ParticipantForm.read(request.form)
    if request.form.get("add"):
        _store_logo(form)
        return _page(form, action, invitee=invitee)
    if spam.filled_too_fast():
        return _page(form, action, 422, invitee, too_fast=True)
    lang = current_language()
    consent = consent_of(_settings(), lang)
    upload = _store_logo(form)  # before the data is read: it names the stored logo
    data = form.data() | {"consent": form.values["consent"]}
    try:
        problems = _problems(data, consent[1], upload)
        if problems:
            raise ValidationFailed(problems)
        participant_id = register.sign_up(
            current_hub(),
            data,
            consent,
            lang,
            invited=invitee.id if invitee else None,
            source="invitation" if invitee else "form",
        )
    except ValidationFailed as failed:
        if "signup" in failed.codes():
            return _closed(failed.codes()["signup"])
        form.refused(failed)
        return _page(form, action, 422, invitee)
    token = register.own_link_token(current_hub(), participant_id)
    return redirect(f"/signup/me/{token}/welcome", 303)


@signup.get("/signup")
@public
def signup_form():
    reason = closed_reason()
    if reason:
        return _closed(reason)
    return _page(ParticipantForm.blank(), "/signup")


@signup.post("/signup")
@public
def signup_submit():
    reason = closed_reason()
    if reason:
        return _closed(reason)
    return _submit("/signup")


def _invitee(token: str):
    hub = current_hub()
    participant_id = register.links(hub).read(token, INVITE)
    invitee = hub.evening.participants.get(participant_id)
    if invitee is None or invitee.merged_into is not None:
        abort(404)
    return invitee


@signup.get("/signup/invitation/<token>")
@public
def invitation_form(token: str):
    invitee = _invitee(token)
    if invitee.status == STATUS_SIGNED_UP:
        return _closed("already_signed_up")
    reason = closed_reason(invited=True)
    if reason:
        return _closed(reason)
    form = ParticipantForm.of_participant(invitee, {})
    return _page(form, f"/signup/invitation/{token}", invitee=invitee)


@signup.post("/signup/invitation/<token>")
@public
def invitation_submit(token: str):
    invitee = _invitee(token)
    if invitee.status == STATUS_SIGNED_UP:
        return _closed("already_signed_up")
    reason = closed_reason(invited=True)
    if reason:
        return _closed(reason)
    return _submit(f"/signup/invitation/{token}", invitee)


@signup.get("/logos/<name>")
@public
def public_logo(name: str):
    """A logo, for the catalogue, posters and name tags: only of someone shown in public."""
    hub = current_hub()
    path = register.logos(hub).path(name)
    shown = any(p.logo == name and p.in_catalogue for p in hub.evening.participants.values())
    if path is None or not shown:
        abort(404)
    return send_file(path, mimetype="image/png", max_age=3600)
