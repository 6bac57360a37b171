"""The privacy room's pages: the public notice, the organiser's consent log, one person's
export (a readable page and JSON) with the erasure behind a confirmation, and the order to the
tablets to forget a closed evening. Thin views over :mod:`hub.privacy.erasure` and
:mod:`hub.privacy.people`."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Blueprint, abort, jsonify, make_response, redirect, render_template, request

from hub.auth.access import public
from hub.privacy import erasure, people
from hub.signup.consent import retention_of
from hub.web import current_hub, form_errors
from shared.core.checks import FieldError, ValidationFailed, is_uuid

SHARED = Path(__file__).resolve().parents[2] / "shared" / "privacy" / "templates"
privacy = Blueprint("hub_privacy", __name__, template_folder="templates")
notice_words = Blueprint("privacy_words", __name__, template_folder=str(SHARED))


@privacy.get("/privacy")
@public
def notice():
    hub = current_hub()
    settings = hub.evening.participants.signup_settings or {}
    return render_template(
        "privacy/notice.html",
        settings=settings,
        retention=retention_of(settings),
        evening=hub.evening.settings or {},
    )


@privacy.get("/privacy/consents")
def consent_log():
    hub = current_hub()
    return render_template(
        "privacy/consents.html",
        rows=people.consent_log(hub),
        versions=people.consent_versions(hub),
        retention=erasure.retention_date(hub),
        forget_orders=hub.evening.privacy.forget_orders,
        done=request.args.get("done"),
        active="participants",
    )


def _export(participant_id: str) -> dict:
    if not is_uuid(participant_id):
        abort(404)
    try:
        return people.export_person(current_hub(), participant_id)
    except ValidationFailed:
        abort(404)


@privacy.get("/privacy/participants/<participant_id>")
def person(participant_id: str, status: int = 200, errors: dict | None = None):
    data = _export(participant_id)
    html = render_template(
        "privacy/person.html",
        data=data,
        p=data["participant"],
        done=request.args.get("done"),
        errors=errors or {},
        active="participants",
    )
    return make_response(html, status)


@privacy.get("/api/privacy/participants/<participant_id>")
def person_json(participant_id: str):
    data = _export(participant_id)
    response = jsonify(data)
    if request.args.get("download"):
        response.headers["Content-Disposition"] = (
            f'attachment; filename="deltaker-{participant_id}.json"'
        )
    return response


@privacy.post("/privacy/participants/<participant_id>/erase")
def erase(participant_id: str):
    _export(participant_id)  # 404 for an unknown participant
    try:
        if request.form.get("confirm") != "yes":
            raise ValidationFailed([FieldError("confirm", "erase_not_confirmed")])
        erasure.erase(current_hub(), participant_id, request.form.get("why", "request"))
    except ValidationFailed as failed:
        return person(participant_id, status=422, errors=form_errors(failed))
    return redirect(f"/privacy/participants/{participant_id}?done=erased", 303)


@privacy.post("/privacy/tablets/forget")
def forget_tablets():
    hub = current_hub()
    if request.form.get("confirm") != "yes":
        return redirect("/privacy/consents?done=not_confirmed", 303)
    evening = hub.evening.settings or {}
    label = json.dumps([evening.get("name", ""), evening.get("date", "")], ensure_ascii=False)
    hub.record("tell_tablets_to_forget", label[:200])
    return redirect("/privacy/consents?done=forget_sent", 303)
