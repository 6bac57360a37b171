"""One participant in the organiser's register: the profile to edit, the contact details, what
they consented to, notes, the history of every fact (both records' after a merge), withdrawal,
their personal link; and the duplicates to merge."""

from __future__ import annotations

from flask import abort, make_response, redirect, render_template, request, send_file

from hub.mail import address_refused
from hub.participants import register
from hub.participants.blueprint import participants
from hub.participants.duplicates import keep_first, proposals
from hub.participants.forms import ParticipantForm
from hub.web import current_hub, form_errors
from shared.core.checks import ValidationFailed, is_uuid
from shared.core.registry import REGISTRY
from shared.core.vocabulary import CATEGORIES, SECTORS
from shared.participants.rules import LOGO_MAX_BYTES, STATUS_INVITED, STATUS_SIGNED_UP


def _participant(participant_id: str):
    found = (
        current_hub().evening.participants.get(participant_id) if is_uuid(participant_id) else None
    )
    if found is None:
        abort(404)
    return found


def history_of(participant_id: str) -> list[dict]:
    """Every fact about them, oldest first, in words the page can show."""
    hub = current_hub()
    rows = []
    for ev in hub.evening.participants.facts_of(participant_id):
        rows.append(
            {
                "at": ev.timestamp,
                "what": REGISTRY.name_of(type(ev)),
                "who": getattr(ev, "participant_id", participant_id),
                "by": getattr(ev, "by", "") or getattr(ev, "source", ""),
                "name": getattr(ev, "name", ""),
                "keep": getattr(ev, "keep", None),
            }
        )
    return rows


def _page(participant_id: str, form: ParticipantForm | None = None, status: int = 200, **extra):
    hub = current_hub()
    p = _participant(participant_id)
    contact = hub.contact_of(p.id)
    form = form or ParticipantForm.of_participant(p, contact)
    link = None
    if p.status == STATUS_SIGNED_UP and not p.walk_in:
        link = "/signup/me/" + register.own_link_token(hub, p.id)
    elif p.status == STATUS_INVITED:
        link = "/signup/invitation/" + register.invitation_token(hub, p.id)
    agreed = hub.evening.participants.consent_texts.get(p.consent_text)
    # The mail server's own words when it refused this address (the register marks it failing).
    mail_refused = address_refused(p.id, contact["email"]) if contact.get("email") else ""
    doubles = [d for d in proposals(hub) if p.id in d.participant_ids]
    html = render_template(
        "participants/detail.html",
        p=p,
        contact=contact,
        form=form,
        link=(request.host_url.rstrip("/") + link) if link else None,
        agreed=agreed,
        mail_refused=mail_refused,
        notes=register.notes_of(hub, p.id),
        history=history_of(p.id),
        names={q.id: q.name for q in hub.evening.participants.values()},
        doubles=doubles,
        merged_here=[q for q in hub.evening.participants.values() if q.merged_into == p.id],
        kept=hub.evening.participants.get(p.merged_into) if p.merged_into else None,
        SECTORS=SECTORS,
        CATEGORIES=CATEGORIES,
        logo_limit_mb=LOGO_MAX_BYTES // (1024 * 1024),
        active="participants",
        **extra,
    )
    return make_response(html, status)


@participants.get("/participants/<participant_id>")
def participant(participant_id: str):
    return _page(participant_id, saved=request.args.get("done"))


@participants.post("/participants/<participant_id>")
def edit_participant(participant_id: str):
    p = _participant(participant_id)
    form = ParticipantForm.read(request.form)
    problems = []
    upload = request.files.get("logo")
    if upload is not None and upload.filename:
        try:
            form.values["logo"] = register.logos(current_hub()).store(
                upload.stream.read(LOGO_MAX_BYTES + 1)
            )
        except ValidationFailed as refused:
            problems = refused.errors
    if request.form.get("remove_logo") == "on":
        form.values["logo"] = ""
    if request.form.get("add"):
        return _page(p.id, form)
    try:
        if problems:
            raise ValidationFailed(problems)
        register.change(current_hub(), p.id, form.data(), "organiser")
    except ValidationFailed as failed:
        return _page(p.id, form.refused(failed), 422)
    return redirect(f"/participants/{p.id}?done=saved", 303)


@participants.post("/participants/<participant_id>/withdraw")
def withdraw_participant(participant_id: str):
    p = _participant(participant_id)
    try:
        register.withdraw(current_hub(), p.id, "organiser", request.form.get("reason", ""))
    except ValidationFailed as failed:
        return _page(p.id, status=422, withdraw_errors=form_errors(failed))
    return redirect(f"/participants/{p.id}?done=withdrawn", 303)


@participants.post("/participants/<participant_id>/notes")
def add_note(participant_id: str):
    p = _participant(participant_id)
    try:
        register.add_note(current_hub(), p.id, request.form.get("note", ""))
    except ValidationFailed as failed:
        return _page(
            p.id, status=422, note_errors=form_errors(failed), note=request.form.get("note", "")
        )
    return redirect(f"/participants/{p.id}?done=noted#notes", 303)


@participants.get("/participants/<participant_id>/logo")
def participant_logo(participant_id: str):
    path = register.logos(current_hub()).path(_participant(participant_id).logo)
    if path is None:
        abort(404)
    return send_file(path, mimetype="image/png", max_age=0)


# --- duplicates ---------------------------------------------------------------------------------


def _duplicates_page(notice: str | None = None, status: int = 200):
    hub = current_hub()
    found = [(d, keep_first(hub, d.participant_ids)) for d in proposals(hub)]
    html = render_template(
        "participants/duplicates.html",
        found=found,
        people=hub.evening.participants,
        contact_of=hub.contact_of,
        notice=notice,
        active="participants",
    )
    return make_response(html, status)


@participants.get("/participants/duplicates")
def duplicates():
    return _duplicates_page(request.args.get("done"))


@participants.post("/participants/duplicates")
def resolve_duplicates():
    ids = request.form.getlist("participant_ids")
    keep = request.form.get("keep", "")
    try:
        register.resolve_duplicates(current_hub(), ids, keep)
    except ValidationFailed:
        return _duplicates_page("refused", 422)
    return redirect("/participants/duplicates?done=" + ("merged" if keep else "apart"), 303)
