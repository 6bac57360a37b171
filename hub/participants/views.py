"""The organiser's participant list and the form that signs one up."""

from __future__ import annotations

from flask import Blueprint, make_response, render_template, request

from hub.web import current_hub, form_errors
from shared.core.checks import ValidationFailed
from shared.core.vocabulary import CATEGORIES, SECTORS
from shared.web import _

participants = Blueprint("hub_participants", __name__, template_folder="templates")


def _resources(form, prefix: str) -> list[dict]:
    text = form.get(f"{prefix}_text", "").strip()
    if not text:
        return []
    return [{"category": form.get(f"{prefix}_category", ""), "text": text}]


def participant_from_form(form) -> dict:
    return {
        "name": form.get("name", ""),
        "sector": form.get("sector", ""),
        "contact_person": form.get("contact_person", ""),
        "email": form.get("email", ""),
        "phone": form.get("phone", ""),
        "needs": _resources(form, "need"),
        "offers": _resources(form, "offer"),
        "consent_public": form.get("consent_public") == "on",
    }


def _page(values, errors: dict, notice: str | None = None, status: int = 200):
    hub = current_hub()
    html = render_template(
        "participants/list.html",
        evening=hub.evening,
        hub=hub,
        SECTORS=SECTORS,
        CATEGORIES=CATEGORIES,
        values=values,
        errors=errors,
        notice=notice,
        active="participants",
    )
    return make_response(html, status)


@participants.get("/participants")
def participant_list():
    return _page({}, {})


@participants.post("/participants")
def add_participant():
    try:
        current_hub().register_participant(participant_from_form(request.form))
    except ValidationFailed as failed:
        return _page(request.form, form_errors(failed), status=422)
    return _page({}, {}, notice=_("hub.saved"), status=201)
