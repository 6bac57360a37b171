"""The door's page on the tablet: search or scan, one tap to check in, undo, walk-ins.

One URL per action; htmx swaps the row or the result box, and every form also works as a
plain post without JavaScript (the camera needs it, typing does not).
"""

from __future__ import annotations

from flask import Blueprint, make_response, render_template, request

from kiosk.checkin import service
from kiosk.deals.picker import alike as alike_names
from kiosk.web import current_kiosk as kiosk
from shared.core.checks import ValidationFailed
from shared.core.errors import CodedError
from shared.core.vocabulary import SECTORS
from shared.web import _, is_htmx

checkin_pages = Blueprint(
    "kiosk_checkin",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/checkin-static",
)

RESULTS = 12


def _page(status: int = 200, **context):
    k = kiosk()
    html = render_template(
        "checkin/index.html",
        status=k.status_dict(),
        evening=k.evening,
        SECTORS=SECTORS,
        walk_in=context.pop("walk_in", {}),
        errors=context.pop("errors", {}),
        **context,
    )
    response = make_response(html, status)
    # The one page that may use the camera (the badge's QR code), and only from this origin;
    # every other page keeps the app's default, camera=().
    response.headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()"
    return response


def _row(participant, status: int = 200, *, just_now=None, message: str = ""):
    """One participant's row (search result or scan result), as it stands after the tap."""
    html = render_template(
        "checkin/_row.html",
        p=participant,
        arrival=kiosk().evening.arrivals.arrival(participant.id),
        just_now=just_now,
        message=message,
        count=kiosk().evening.arrivals.count(),
        evening=kiosk().evening,
        oob=is_htmx(),
    )
    return make_response(html, status)


@checkin_pages.get("/checkin")
def index():
    return _page(query=request.args.get("q", ""), matches=_matches(request.args.get("q", "")))


def _matches(query: str) -> list:
    return kiosk().evening.participants.search(query, limit=RESULTS) if query else []


@checkin_pages.get("/checkin/search")
def search():
    query = request.args.get("q", "")
    if not is_htmx():
        return index()
    return render_template(
        "checkin/_results.html",
        matches=_matches(query),
        query=query,
        arrivals=kiosk().evening.arrivals,
    )


@checkin_pages.get("/checkin/alike")
def alike():
    """While a walk-in's name is typed: the participants it may already be."""
    return render_template(
        "checkin/_alike.html",
        matches=alike_names(kiosk().evening, request.args.get("name", "")),
        arrivals=kiosk().evening.arrivals,
    )


@checkin_pages.post("/checkin/tap")
def tap():
    """Check in the participant named by the form (a tap on a row, or a scanned badge)."""
    try:
        arrival = service.check_in(kiosk(), request.form.get("participant_id", ""))
    except CodedError as refused:
        return _refused(refused)
    return _row(arrival.participant, 200 if arrival.already_here else 201, just_now=arrival)


@checkin_pages.post("/checkin/undo")
def undo():
    try:
        participant = service.undo_check_in(kiosk(), request.form.get("participant_id", ""))
    except CodedError as refused:
        return _refused(refused)
    return _row(participant, message=_("checkin.undone", name=participant.name))


def _refused(refused: CodedError):
    html = render_template("checkin/_refused.html", message=_(f"checkin.error.{refused.code}"))
    return make_response(html, 422 if refused.status < 500 else refused.status)


@checkin_pages.post("/checkin/walk-in")
def walk_in():
    data = {
        field: request.form.get(field, "")
        for field in ("name", "sector", "contact_person", "email", "phone")
    }
    data["consent"] = request.form.get("consent") == "yes"
    try:
        arrival = service.check_in_walk_in(kiosk(), data)
    except ValidationFailed as failed:
        errors = {}
        for e in failed.errors:
            errors.setdefault(e.field, _(f"error.{e.code}"))
        return _page(422, walk_in=data, errors=errors, walk_in_open=True)
    except CodedError as refused:
        return _page(409, walk_in=data, errors={"walk_in": _(f"checkin.error.{refused.code}")})
    return _page(201, saved=arrival)
