"""The privacy notice on the tablet (``/privacy``): what the walk-in at the door reads before
giving contact details, in the same words as the hub's public page, from the tablet's own copy
of the sign-up settings (it works offline)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, render_template

from shared.core.checks import parse_date

SHARED = Path(__file__).resolve().parents[2] / "shared" / "privacy" / "templates"

privacy_pages = Blueprint("kiosk_privacy", __name__, template_folder="templates")
notice_words = Blueprint("privacy_words", __name__, template_folder=str(SHARED))


@privacy_pages.get("/privacy")
def notice():
    kiosk = current_app.extensions["kiosk"]
    settings = kiosk.evening.participants.signup_settings or {}
    return render_template(
        "privacy/notice.html",
        settings=settings,
        retention=parse_date(settings.get("retention") or ""),
        status=kiosk.status_dict(),
    )
