"""The organiser's evenings: ``/evenings`` (the closed ones, each with its report) and
``GET /api/evenings``. An archived evening is opened read-only (:class:`archive.Shelf`); the
reports ask :func:`past_evening` for ``?evening=<id>``."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template

from hub.evenings import archive
from hub.web import current_hub
from shared.evening import Evening

evenings = Blueprint("hub_evenings", __name__, template_folder="templates")


def _shelf() -> archive.Shelf:
    shelf = current_app.extensions.get("evenings")
    if shelf is None:
        hub = current_hub()
        shelf = archive.Shelf(hub.data_dir, hub.device_id, hub.contacts.is_erased)
        current_app.extensions["evenings"] = shelf
    return shelf


def past_evening(evening_id: str) -> Evening | None:
    """A closed evening's projections (its digest checked), or None when there is none."""
    found = _shelf().evening(evening_id)
    return None if found is None else found[1]


def _rows() -> list[dict]:
    return [
        {
            "id": e.id,
            "name": e.name,
            "date": e.date,
            "closed_at": e.closed_at,
            "deals": e.deals,
            "participants": e.participants,
            "events": e.events,
            "digest": e.digest,
        }
        for e in reversed(archive.archived(current_hub().data_dir))
    ]


@evenings.get("/evenings")
def evenings_page():
    current = current_hub().evening.settings or {}
    return render_template(
        "evenings/evenings.html", active="evenings", rows=_rows(), current=current
    )


@evenings.get("/api/evenings")
def evenings_api():
    return jsonify({"current": current_hub().evening.settings or {}, "archived": _rows()})
