"""The hour on stage, the hub's use cases: the gongs, the closing time, the screen's settings,
earlier evenings; and what the stage's pages share (the board, the public address, the QR code).

The pages are in :mod:`hub.stage.views` (the organiser's controls, the MC) and
:mod:`hub.stage.screen` (the stage screen and the guests' phones).
"""

from __future__ import annotations

import datetime as dt
import uuid
from functools import lru_cache

import segno
from flask import g, request, url_for
from markupsafe import Markup

from hub.reports.figures import value_total
from hub.service import Hub
from hub.web import current_hub, reachable_url
from shared.core.vocabulary import LANGUAGES
from shared.stage.board import board

# --- use cases --------------------------------------------------------------------------------


def open_hour(h: Hub) -> None:
    h.record("open_hour")


def close_hour(h: Hub) -> None:
    """Strike the closing gong and keep this evening's figures at that moment as its result."""

    def figures_now() -> dict:
        h.catch_up()  # count what is stored: under the write lock nothing new can slip in
        settings = h.evening.settings or {}
        return {
            "name": settings.get("name") or "Frivilligbørs",
            "date": settings.get("date") or dt.date.today().isoformat(),
            "deals": h.evening.stage.hour_count(),
            "participants": len(h.evening.participants),
        }

    h.record(lambda journal: journal.close_hour(figures_now()))


def move_closing_time(h: Hub, closes_at: str) -> None:
    h.record("move_closing_time", closes_at)


def configure_screen(h: Hub, config: dict) -> None:
    h.record("configure_screen", config)


def record_earlier_evening(h: Hub, figures: dict) -> str:
    record_id = str(uuid.uuid4())
    h.record("record_earlier_evening", record_id, figures)
    return record_id


def remove_earlier_evening(h: Hub, record_id: str) -> None:
    h.record("remove_earlier_evening", record_id)


# --- shared bits of the pages -----------------------------------------------------------------


def hub_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def board_of(h: Hub) -> dict:
    """The board as plain data, on the hub's clock (read under the evening's lock, as every
    request reads: see :mod:`shared.core.runner`)."""
    with h.evening.lock.reading():
        return board(h.evening.stage, hub_now())


def value_on_screen(h: Hub) -> int | None:
    """The social value in kroner the screen shows (the report's total), or None while the
    organiser's switch is off."""
    with h.evening.lock.reading():
        if not h.evening.stage.screen.show_value:
            return None
        return value_total(h.evening)


def public_url() -> str:
    """Where guests' phones find the count: as set by the organiser, else where this hub is
    reached on the venue LAN (see :func:`hub.web.reachable_url`)."""
    configured = current_hub().evening.stage.screen.public_url
    base = configured.rstrip("/") if configured else reachable_url()
    return base + url_for("screen.public_count")


@lru_cache(maxsize=8)
def qr_svg(url: str) -> Markup:
    """The QR code as inline SVG (segno's own output: numbers and paths only, no user text)."""
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=1, border=2, dark="#0b3d37", light="#ffffff", omitsize=True)
    return Markup(svg)


# --- the public count for guests' phones ------------------------------------------------------


def public_figures() -> dict:
    """The count and nothing personal: no names, no contact details."""
    board = board_of(current_hub())
    record = board["record"]
    return {
        "name": board["name"],
        "phase": board["phase"],
        "deals": board["count"],
        "late": board["late"],
        "target": board["target"],
        "record": record.deals if record else None,
        "opens_at": board["opens_at"].isoformat() if board["opens_at"] else None,
        "closes_at": board["closes_at"].isoformat() if board["closes_at"] else None,
        "now": board["now"].isoformat(),
    }


def use_screen_language() -> None:
    """The stage screen speaks the language the organiser chose for it, unless its address
    asks for one (``/screen?lang=en``: an English screen beside the Norwegian one)."""
    on_screen = request.endpoint in ("screen.stage_screen", "screen.live")
    if on_screen and request.args.get("lang") not in LANGUAGES:
        g.lang = current_hub().evening.stage.screen.language
