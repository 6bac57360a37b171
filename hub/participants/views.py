"""The organiser's register: the list with search and filters, the form that adds one, the
sign-up settings.

Filters: a word (folded like the duplicates: "rode kors" finds "Røde Kors"; also the
organisation number and the email), sector, category (of a need or an offer) and status
(signed up, invited, withdrawn, walk-in).
"""

from __future__ import annotations

from flask import make_response, render_template, request

from hub.participants import register
from hub.participants.blueprint import participants
from hub.participants.duplicates import fold_name, proposals
from hub.signup.consent import consent_of
from hub.web import current_hub, form_errors
from shared.core.checks import ValidationFailed
from shared.core.vocabulary import CATEGORIES, SECTORS
from shared.participants.rules import MAX_NAME, SIGNUP_MODES, STATUSES
from shared.web import _, current_language

SHOWN_AT_MOST = 500
FILTER_STATUSES = (*STATUSES, "walk_in")


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


def _status_of(p) -> str:
    return "walk_in" if p.walk_in else p.status


def _wanted(p, contact: dict, folded: str, filters: dict) -> bool:
    if p.merged_into is not None:
        return False
    if filters["sector"] and p.sector != filters["sector"]:
        return False
    if filters["status"] and _status_of(p) != filters["status"]:
        return False
    if filters["category"] and not any(
        r["category"] == filters["category"] for r in p.needs + p.offers
    ):
        return False
    if not folded:
        return True
    haystack = " ".join((fold_name(p.name), p.orgnr, contact.get("email", "").casefold()))
    return all(word in haystack for word in folded.split())


def _filters() -> dict:
    args = request.args
    return {
        "q": args.get("q", "").strip()[:100],
        "sector": args.get("sector_filter", "") if args.get("sector_filter") in SECTORS else "",
        "category": args.get("category", "") if args.get("category") in CATEGORIES else "",
        "status": args.get("status", "") if args.get("status") in FILTER_STATUSES else "",
    }


def _rows(filters: dict) -> list[tuple]:
    hub = current_hub()
    folded = fold_name(filters["q"]) if filters["q"] else ""
    if filters["q"] and not folded:
        folded = filters["q"].casefold()
    rows = []
    for p in hub.evening.participants.values():
        contact = hub.contact_of(p.id)
        if _wanted(p, contact, folded, filters):
            rows.append((p, contact))
    rows.sort(key=lambda row: row[0].search_key)
    return rows


def _namesake(name: str):
    """A participant already registered under this name (as the duplicates fold it), or None."""
    wanted = fold_name(name)
    if not wanted:
        return None
    participants = current_hub().evening.participants.values()
    return next((p for p in participants if fold_name(p.name) == wanted), None)


def _page(values, errors: dict, notice: str | None = None, status: int = 200, namesake=None):
    hub = current_hub()
    filters = _filters()
    rows = _rows(filters)
    html = render_template(
        "participants/list.html",
        evening=hub.evening,
        hub=hub,
        SECTORS=SECTORS,
        CATEGORIES=CATEGORIES,
        STATUSES=FILTER_STATUSES,
        values=values,
        errors=errors,
        notice=notice,
        filters=filters,
        rows=rows[:SHOWN_AT_MOST],
        total=len(rows),
        shown_at_most=SHOWN_AT_MOST,
        doubles=len(proposals(hub)),
        signup=hub.evening.participants.signup_settings,
        namesake=namesake,
        MAX_NAME=MAX_NAME,
        active="participants",
    )
    return make_response(html, status)


@participants.get("/participants")
def participant_list():
    return _page({}, {})


@participants.post("/participants")
def add_participant():
    hub = current_hub()
    namesake = _namesake(request.form.get("name", ""))
    if namesake is not None and request.form.get("same_name_ok") != "yes":
        # Two participants of one name look alike everywhere after (the picker, the lists):
        # ask before adding the second, and say who the first is.
        return _page(request.form, {}, status=409, namesake=namesake)
    try:
        if request.form.get("invite_only") == "on":
            register.invite(hub, participant_from_form(request.form))
        else:
            hub.register_participant(participant_from_form(request.form))
    except ValidationFailed as failed:
        return _page(request.form, form_errors(failed), status=422)
    return _page({}, {}, notice=_("hub.saved"), status=201)


# --- sign-up settings ---------------------------------------------------------------------------


def _settings_page(values: dict, errors: dict, saved: bool = False, status: int = 200):
    hub = current_hub()
    settings = hub.evening.participants.signup_settings
    text = consent_of(settings, current_language())[0] if settings else ""
    html = render_template(
        "participants/signup_settings.html",
        values=values,
        errors=errors,
        saved=saved,
        settings=settings,
        consent_text=text,
        MODES=SIGNUP_MODES,
        signup_url=request.host_url.rstrip("/") + "/signup",
        signed_up=hub.evening.participants.signed_up_count(),
        active="participants",
    )
    return make_response(html, status)


@participants.get("/participants/signup")
def signup_settings():
    return _settings_page(current_hub().evening.participants.signup_settings or {}, {})


@participants.post("/participants/signup")
def save_signup_settings():
    form = request.form
    values = {
        name: form.get(name, "")
        for name in ("mode", "deadline", "cap", "retention", "organiser", "contact", "purpose")
    }
    try:
        register.configure_signup(current_hub(), values)
    except ValidationFailed as failed:
        return _settings_page(values, form_errors(failed), status=422)
    return _settings_page(current_hub().evening.participants.signup_settings, {}, saved=True)
