"""The organiser's view of the door: how many have come, per sector, and who has not."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request

from hub.web import current_hub
from shared.core.vocabulary import SECTORS

arrivals = Blueprint(
    "hub_checkin",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/arrivals-static",
)


def door_summary(evening) -> dict:
    """The figures the page and ``/api/arrivals`` share."""
    door = evening.arrivals
    participants = evening.participants
    arrived = [(participants.get(pid), checkin) for pid, checkin in door.arrived()]
    return {
        "count": door.count(),
        "by_sector": door.by_sector(),
        "arrived": [(p, c) for p, c in arrived if p is not None],
        "not_come": door.not_come(),
        "walk_ins": sum(1 for p, _c in arrived if p is not None and p.walk_in),
    }


@arrivals.get("/arrivals")
def page():
    return render_template(
        "checkin/arrivals.html",
        door=door_summary(current_hub().evening),
        on_screen=current_hub().evening.arrivals.shown_on_screen,
        SECTORS=SECTORS,
        active="arrivals",
    )


@arrivals.post("/arrivals/screen")
def show_on_screen():
    current_hub().record("show_arrivals_on_screen", request.form.get("show") == "on")
    return redirect("/arrivals", 303)


@arrivals.app_template_global()
def arrivals_on_screen() -> int | None:
    """For the stage screen: how many have come, when the organiser shows it (else None)."""
    door = current_hub().evening.arrivals
    return door.count() if door.shown_on_screen else None


@arrivals.get("/api/arrivals")
def api():
    door = door_summary(current_hub().evening)
    return jsonify(
        {
            "arrived": door["count"],
            "by_sector": door["by_sector"],
            "walk_ins": door["walk_ins"],
            "arrivals": [
                {
                    "participant_id": p.id,
                    "name": p.name,
                    "sector": p.sector,
                    "walk_in": p.walk_in,
                    "arrived_at": c.at.isoformat(),
                    "device": c.device,
                }
                for p, c in door["arrived"]
            ],
            "not_come": [
                {"participant_id": p.id, "name": p.name, "sector": p.sector}
                for p in door["not_come"]
            ],
        }
    )


from hub.checkin import prints  # noqa: E402, F401 - the printouts' routes, on this blueprint
