"""What the kiosk and the hub web apps share: layout, language, errors, API helpers, headers.

:func:`install` binds it all to an app in its factory. Errors never reach a person as a stack
trace: API paths answer ``{"error": code, "message": ...}`` with a 4xx/5xx status, pages answer a
calm page in the person's language.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, g, jsonify, render_template, request
from flask.globals import request_ctx
from flask_htmx import HTMX
from werkzeug.exceptions import HTTPException

from shared.core import wire_json
from shared.core.errors import CodedError
from shared.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    format_date,
    format_number,
    translate,
    translations,
)

log = logging.getLogger(__name__)

HERE = Path(__file__).parent

common = Blueprint(
    "common",
    __name__,
    static_folder=str(HERE / "static"),
    static_url_path="/common",
    template_folder=str(HERE / "templates"),
)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


def api_error_response(code: str, message: str, status: int, **extra):
    response = jsonify({"error": code, "message": message, **extra})
    response.status_code = status
    return response


def json_body() -> object:
    """The request's JSON, or a :class:`CodedError` a client can act on."""
    if not request.is_json:
        raise CodedError("not_json", "send Content-Type: application/json", 415)
    data = wire_json.loads(request.get_data(cache=True))
    if data is None:
        raise CodedError("malformed_json", "the body is not valid JSON: null", 400)
    return data


def is_htmx() -> bool:
    """Whether htmx asked (``HX-Request``): answer the fragment it swaps, not the whole page."""
    return bool(current_app.htmx)


def current_language() -> str:
    return getattr(g, "lang", DEFAULT_LANGUAGE)


def _(key: str, **values: object) -> str:
    """A text in the request's language, for views; templates get the same from Jinja."""
    return translate(key, current_language(), **values)


def _gettext(message: str) -> str:
    return translations(current_language()).gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current_language()).ngettext(singular, plural, n)


def _install_language(app: Flask) -> None:
    """Jinja's i18n extension over the same catalogs, per request: ``_()``, ``gettext`` and
    ``ngettext`` in templates speak the language :func:`_choose_language` picked, and the
    ``date`` and ``number`` filters write as that language's readers do."""
    env = app.jinja_env
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)
    env.globals.update(current_language=current_language, LANGUAGES=LANGUAGES)
    env.filters["date"] = lambda value, style="short": format_date(value, current_language(), style)
    env.filters["number"] = lambda value: format_number(value, current_language())


def _choose_language() -> None:
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        g.lang = asked
        g.set_lang_cookie = True
    else:
        cookie = request.cookies.get("lang")
        g.lang = cookie if cookie in LANGUAGES else DEFAULT_LANGUAGE


def _finish(response):
    if getattr(g, "set_lang_cookie", False):
        response.set_cookie("lang", g.lang, max_age=365 * 24 * 3600, samesite="Lax")
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.path.startswith("/api/"):
        headers.setdefault("Cache-Control", "no-store")
    return response


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def error_page(message: str, status: int):
    """The calm error page; in plain text when the request could not even be matched to this
    app (a ``Host`` such as ``..``: no URL can be built for it, so no page either)."""
    if request_ctx.url_adapter is None:
        return Response(message, status, mimetype="text/plain")
    return render_template("common/error.html", message=message), status


def _on_coded_error(error: CodedError):
    if _wants_json():
        return api_error_response(error.code, error.message, error.status, **error.extra)
    return error_page(_("error.page_text"), error.status)


def _on_http_error(error: HTTPException):
    code = (error.name or "error").lower().replace(" ", "_")
    if _wants_json():
        return api_error_response(code, error.description or error.name, error.code or 500)
    key = "error.not_found" if error.code == 404 else "error.page_text"
    return error_page(_(key), error.code or 500)


def _on_unexpected(error: Exception):
    log.exception("unexpected error on %s %s", request.method, request.path)
    if _wants_json():
        return api_error_response("internal_error", "the server could not answer", 500)
    return error_page(_("error.page_text"), 500)


def _hold_while_reading(read_lock, unlocked_blueprints: frozenset[str]) -> tuple:
    """Every request reads the evening under its runner's lock: a page never sees half a batch
    (see :mod:`shared.core.runner`). Taken before the view, let go when the request ends;
    a streamed body (the screen's doorbell) is sent after that, without it."""

    def take() -> None:
        if request.blueprint not in unlocked_blueprints:
            read_lock.acquire_read()
            g.read_lock = read_lock

    def let_go(_error=None) -> None:
        held = g.pop("read_lock", None)
        if held is not None:
            held.release_read()

    return take, let_go


def install(
    app: Flask,
    openapi: dict,
    secret: bytes | None = None,
    cookie_name: str = "session",
    read_lock=None,
    unlocked_blueprints: frozenset[str] = frozenset(),
) -> None:
    """Bind the shared parts; ``secret`` signs the session (a random one if not given).

    ``cookie_name`` should name the device: browsers share cookies across the ports of one
    host, so a hub and kiosks on one machine (the demo) must not read each other's sessions.
    ``read_lock`` is the runner's lock every request reads under, except the blueprints in
    ``unlocked_blueprints`` (sync, which takes it itself only while it folds).
    """
    from shared.web import csrf

    app.register_blueprint(common)
    HTMX(app)
    if read_lock is not None:
        take, let_go = _hold_while_reading(read_lock, unlocked_blueprints)
        app.before_request(take)
        app.teardown_request(let_go)
    app.before_request(_choose_language)
    csrf.install(app, secret or os.urandom(32), cookie_name)
    app.after_request(_finish)
    app.register_error_handler(CodedError, _on_coded_error)
    app.register_error_handler(HTTPException, _on_http_error)
    app.register_error_handler(Exception, _on_unexpected)
    _install_language(app)
    app.jinja_env.filters["local_time"] = local_time

    @app.get("/api/openapi.json")
    def openapi_document():
        return jsonify(openapi)


def local_time(value, fmt: str = "%H:%M") -> str:
    """A timestamp in this machine's time zone (device times are stored in UTC)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        import datetime as dt

        value = dt.datetime.fromisoformat(value)
    return value.astimezone().strftime(fmt)
