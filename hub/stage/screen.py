"""The live stage screen: the count, the clock, the record, for the whole hall.

How it stays live with few threads (waitress answers on a small fixed pool):

* **Polling, always.** The page asks ``/screen/live?v=KEY``. ``KEY`` names what the board shows
  (the evening's version and a 30-second tick for the pace); an unchanged board is a ``204``
  with no body, decided before anything is rendered, and a changed board is rendered once and
  served from memory to every screen asking for the same key.
* **A doorbell for the first few.** ``/screen/events`` is a server-sent-events stream that only
  says "the key is now K", so the page fetches the new board at once instead of at its next
  poll. A stream holds a waitress thread, so at most :data:`MAX_STREAMS` are open at a time
  (the projector and a spare); a screen beyond that gets a ``503`` and simply keeps polling
  every 500 ms. Streams end after :data:`STREAM_SECONDS` and the browser reconnects, so a
  screen that vanished without closing its socket frees its thread soon.

A hub restart or a dropped link costs nothing but a few failed requests: the page keeps the last
board, says it is reconnecting, and carries on when answers come back.

The countdown runs in the browser on the hub's clock: every answer (a 204 too) carries the
hub's time in ``X-Hub-Time``, and the page keeps the offset to its own clock, so a projector
PC with a wrong clock still counts down to the real gong.
"""

from __future__ import annotations

import hashlib
import threading
import time

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    make_response,
    render_template,
    request,
    url_for,
)

from hub.service import Hub
from hub.stage.service import (
    board_of,
    public_figures,
    public_url,
    qr_svg,
    use_screen_language,
    value_on_screen,
)
from hub.web import current_hub
from shared.core.vocabulary import LANGUAGES
from shared.i18n import format_kroner
from shared.web import current_language

screen = Blueprint("screen", __name__, template_folder="templates")
screen.before_request(use_screen_language)

PACE_TICK_SECONDS = 30
MAX_STREAMS = 4  # waitress threads the doorbell may hold (``bors hub`` runs 16)
STREAM_SECONDS = 120
HEARTBEAT_SECONDS = 15
PUBLIC_MAX_AGE = 2  # seconds a phone (or a proxy) may reuse the public count
_render_lock = threading.Lock()


def board_key(h: Hub | None = None) -> str:
    h = h or current_hub()
    return f"{h.evening.version}.{int(time.time() // PACE_TICK_SECONDS)}"


def _hub_time(response):
    response.headers["X-Hub-Time"] = str(int(time.time() * 1000))
    response.headers["Cache-Control"] = "no-store"
    return response


def render_board(key: str) -> str:
    """The board's HTML for ``key``, rendered once however many screens ask."""
    h = current_hub()
    url = public_url()
    cache_key = (key, url, current_language())
    rendered = current_app.extensions.setdefault("screen_boards", {})
    with _render_lock:
        html = rendered.get(cache_key)
        if html is None:
            value = value_on_screen(h)
            html = render_template(
                "stage/_screen_board.html",
                board=board_of(h),
                practice=h.evening.rehearsals.running is not None,  # the ØVING band
                key=key,
                qr=qr_svg(url),
                public_url=url,
                value=None if value is None else format_kroner(value, current_language()),
            )
            if len(rendered) > 16:
                rendered.clear()
            rendered[cache_key] = html
    return html


def _asked_language() -> str | None:
    asked = request.args.get("lang")
    return asked if asked in LANGUAGES else None


def render_shell(key: str) -> tuple[bytes, str]:
    """The whole stage page for ``key`` and its ETag, rendered once however many ask.

    It was rendered for every viewer, with a CSRF token and a session of its own, and was the
    slowest answer under 300 viewers (p95 549 ms against 180 ms for all answers, issue 11).
    """
    asked = _asked_language()
    shells = current_app.extensions.setdefault("screen_shells", {})
    cache_key = (key, current_language(), asked, public_url())
    with _render_lock:
        cached = shells.get(cache_key)
    if cached is None:
        live_url = url_for("screen.live", lang=asked) if asked else url_for("screen.live")
        html = render_template(
            "stage/screen.html", board_html=render_board(key), key=key, live_url=live_url
        )
        etag = hashlib.blake2s(html.encode(), digest_size=12).hexdigest()
        cached = (html.encode(), etag)
        with _render_lock:
            if len(shells) > 16:
                shells.clear()  # only the newest board is asked for again
            shells[cache_key] = cached
    return cached


@screen.get("/screen")
def stage_screen():
    body, etag = render_shell(board_key())
    unchanged = request.if_none_match.contains(etag)
    response = Response(status=304) if unchanged else make_response(body)
    response.set_etag(etag)
    _hub_time(response)
    # Asked again on every load (a projector's reload after a restart), answered 304 when the
    # board has not changed; never kept past that.
    response.headers["Cache-Control"] = "no-cache"
    return response


@screen.get("/screen/events")
def events():
    """The doorbell: one ``data: KEY`` line whenever the board's key changes."""
    slots = current_app.extensions.setdefault(
        "screen_streams",
        threading.BoundedSemaphore(current_app.config.get("SCREEN_STREAMS", MAX_STREAMS)),
    )
    if not slots.acquire(blocking=False):
        response = make_response("", 503)
        response.headers["Retry-After"] = "30"
        return response
    h = current_hub()

    def stream():
        try:
            yield "retry: 1000\n\n"
            ends = time.monotonic() + STREAM_SECONDS
            sent = None
            while time.monotonic() < ends:
                key = board_key(h)
                if key != sent:
                    yield f"data: {key}\n\n"
                    sent = key
                to_tick = PACE_TICK_SECONDS - time.time() % PACE_TICK_SECONDS + 0.05
                version = h.evening.version
                if h.wait_for_change(version, min(HEARTBEAT_SECONDS, to_tick)) == version:
                    yield ": still here\n\n"  # finds a vanished screen: the write fails
        finally:
            slots.release()

    response = Response(stream(), mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Accel-Buffering"] = "no"
    return response


@screen.get("/screen/live")
def live():
    key = board_key()
    if request.args.get("v") == key:
        return _hub_time(make_response("", 204))
    return _hub_time(make_response(render_board(key)))


# --- the public count for guests' phones (no login, nothing personal) ---------------------------


@screen.get("/count")
def public_count():
    response = make_response(render_template("stage/public.html", figures=public_figures()))
    response.headers["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    return response


@screen.get("/count.json")
def public_count_json():
    """Cheap for hundreds of phones: a 304 on an unchanged board, cacheable for 2 s."""
    etag = board_key()
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        cached = current_app.extensions.setdefault("public_counts", {})
        body = cached.get(etag)
        if body is None:
            body = jsonify(public_figures()).get_data()
            cached.clear()  # only the newest key is ever asked for again
            cached[etag] = body
        response = make_response(body)
        response.mimetype = "application/json"
    response.set_etag(etag)
    response.headers["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    response.headers["X-Hub-Time"] = str(int(time.time() * 1000))  # the body's "now" is cached
    return response


@screen.get("/screen/qr.svg")
def qr_image():
    response = make_response(str(qr_svg(public_url())))
    response.mimetype = "image/svg+xml"
    response.headers["Cache-Control"] = "public, max-age=60"
    return response
