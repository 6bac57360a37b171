"""The participant's own link (``/signup/me/<token>``): see, change or withdraw a sign-up.

No account: the token (:mod:`hub.participants.links`) is the key, and it stops working after
the retention date. These pages never show an email address or a phone number in full (a link
can be forwarded): they show enough to recognise them, and a field left empty keeps them.
"""

from __future__ import annotations

from flask import abort, make_response, redirect, render_template, request, send_file

from hub.auth.access import public
from hub.participants import register
from hub.participants.forms import ParticipantForm
from hub.participants.links import LinkRefused
from hub.signup.blueprint import signup
from hub.signup.notify import send_link
from hub.web import current_hub, form_errors
from shared.core.checks import ValidationFailed
from shared.core.vocabulary import CATEGORIES, SECTORS
from shared.participants.rules import LOGO_MAX_BYTES, STATUS_WITHDRAWN
from shared.web import current_language


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else ""


def mask_phone(phone: str) -> str:
    digits = [c for c in phone if c.isdigit()]
    return "••• •• " + "".join(digits[-3:]) if len(digits) > 3 else ""


def masked_contact(contact: dict) -> dict:
    return {
        "contact_person": contact.get("contact_person", ""),
        "email": mask_email(contact.get("email", "")),
        "phone": mask_phone(contact.get("phone", "")),
    }


class _Refused(Exception):
    def __init__(self, refusal: LinkRefused):
        self.refusal = refusal


def _participant(token: str):
    hub = current_hub()
    try:
        participant_id = register.links(hub).read(token)
    except LinkRefused as refused:
        raise _Refused(refused) from None
    participant = hub.evening.participants.get(participant_id)
    if participant is None:
        raise _Refused(LinkRefused("link_invalid"))
    kept = participant.merged_into
    return hub.evening.participants.get(kept) if kept else participant


@signup.errorhandler(_Refused)
def _link_refused(error: _Refused):
    refusal = error.refusal
    html = render_template("signup/link_refused.html", code=refusal.code, evening={})
    return make_response(html, refusal.status)


def _url(token: str, page: str = "") -> str:
    return f"/signup/me/{token}{page}"


def _mine(token: str, notice: str | None = None, welcome: bool = False, mailed: bool = False):
    hub = current_hub()
    participant = _participant(token)
    texts = hub.evening.participants.consent_texts
    agreed = texts.get(participant.consent_text)
    html = render_template(
        "signup/mine.html",
        p=participant,
        contact=masked_contact(hub.contact_of(participant.id)),
        token=token,
        link=request.host_url.rstrip("/") + _url(token),
        agreed=agreed,
        notice=notice,
        welcome=welcome,
        mailed=mailed,
        evening=hub.evening.settings or {},
        withdrawn=participant.status == STATUS_WITHDRAWN,
    )
    return make_response(html)


@signup.get("/signup/me/<token>/welcome")
@public
def welcome(token: str):
    participant = _participant(token)
    link = request.host_url.rstrip("/") + _url(token)
    mailed = send_link(current_hub(), participant.id, link, "confirmation", current_language())
    return _mine(token, welcome=True, mailed=mailed)


@signup.get("/signup/me/<token>")
@public
def mine(token: str):
    done = request.args.get("done", "")
    return _mine(token, done if done in ("saved", "withdrawn") else None)


@signup.get("/signup/me/<token>/logo")
@public
def my_logo(token: str):
    path = register.logos(current_hub()).path(_participant(token).logo)
    if path is None:
        abort(404)
    return send_file(path, mimetype="image/png", max_age=0)


def _edit_page(token: str, form: ParticipantForm, status: int = 200):
    hub = current_hub()
    participant = _participant(token)
    html = render_template(
        "signup/edit.html",
        p=participant,
        form=form,
        token=token,
        masked=masked_contact(hub.contact_of(participant.id)),
        SECTORS=SECTORS,
        CATEGORIES=CATEGORIES,
        logo_limit_mb=LOGO_MAX_BYTES // (1024 * 1024),
        evening=hub.evening.settings or {},
    )
    return make_response(html, status)


@signup.get("/signup/me/<token>/edit")
@public
def edit(token: str):
    participant = _participant(token)
    if participant.status == STATUS_WITHDRAWN:
        return redirect(_url(token), 303)
    contact = current_hub().contact_of(participant.id)
    form = ParticipantForm.of_participant(participant, {**contact, "email": "", "phone": ""})
    return _edit_page(token, form)


def _logo_from_upload(form: ParticipantForm) -> list:
    upload = request.files.get("logo")
    if upload is None or not upload.filename:
        return []
    try:
        form.values["logo"] = register.logos(current_hub()).store(
            upload.stream.read(LOGO_MAX_BYTES + 1)
        )
    except ValidationFailed as refused:
        return refused.errors
    return []


@signup.post("/signup/me/<token>/edit")
@public
def save(token: str):
    participant = _participant(token)
    form = ParticipantForm.read(request.form)
    problems = _logo_from_upload(form)
    if request.form.get("add"):
        return _edit_page(token, form)
    try:
        if problems:
            raise ValidationFailed(problems)
        register.change(current_hub(), participant.id, form.data(), "participant")
    except ValidationFailed as failed:
        form.refused(failed)
        return _edit_page(token, form, 422)
    return redirect(_url(token) + "?done=saved", 303)


@signup.route("/signup/me/<token>/withdraw", methods=["GET", "POST"])
@public
def withdraw(token: str):
    participant = _participant(token)
    if participant.status == STATUS_WITHDRAWN:
        return redirect(_url(token), 303)
    errors = {}
    if request.method == "POST":
        try:
            register.withdraw(
                current_hub(), participant.id, "participant", request.form.get("reason", "")
            )
        except ValidationFailed as failed:
            errors = form_errors(failed)
        else:
            return redirect(_url(token) + "?done=withdrawn", 303)
    html = render_template(
        "signup/withdraw.html",
        p=participant,
        token=token,
        errors=errors,
        reason=request.form.get("reason", ""),
        evening=current_hub().evening.settings or {},
    )
    return make_response(html, 422 if errors else 200)
