"""Keeping robots off a public form without a third-party captcha (the venue may be offline, and
what people type stays here).

* a honeypot: a field people never see (``website``); a robot that fills every field is
  thanked and nothing is stored;
* a minimum fill time: the form carries the time it was shown, signed, and a post that comes
  back sooner than a person could type is shown again;
* a per-address rate limit (:class:`shared.web.throttle.FailureWindow`, the one throttle);
* a size limit on uploads: the logo's (``LOGO_MAX_BYTES``, beside its field) and the app's
  ``MAX_CONTENT_LENGTH`` for the whole request.
"""

from __future__ import annotations

import time

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from shared.web.throttle import FailureWindow

HONEYPOT = "website"
STARTED = "started"
MIN_SECONDS = 3.0  # a person reads and types for longer than this; a robot posts at once
PER_ADDRESS = 20  # sign-up posts per address in WINDOW (a town hall behind one address)
WINDOW = 600.0
MAX_FORM_AGE = 24 * 3600


def install(app) -> None:
    app.config.setdefault("SIGNUP_MIN_SECONDS", MIN_SECONDS)
    app.config.setdefault("SIGNUP_PER_ADDRESS", PER_ADDRESS)
    app.extensions["signup_throttle"] = FailureWindow(
        app.config["SIGNUP_PER_ADDRESS"], app.config.get("SIGNUP_WINDOW", WINDOW)
    )


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="signup-started")


def _shown_at() -> float | None:
    """When the form now posted was first shown, or None for a missing or forged field."""
    try:
        shown = _serializer().loads(request.form.get(STARTED, ""), max_age=MAX_FORM_AGE)
    except (BadSignature, TypeError, ValueError):
        return None
    return shown if isinstance(shown, int | float) else None


def started_token() -> str:
    """The hidden field that says when the form was first shown (signed, so it cannot be
    forged). A form shown again with its errors keeps the time it was first shown: a person
    who corrects one typo in two seconds has still spent minutes on the form."""
    shown = _shown_at() if request.method == "POST" else None
    return _serializer().dumps(shown if shown is not None else time.time())


def filled_too_fast() -> bool:
    shown = _shown_at()
    return shown is None or time.time() - shown < current_app.config["SIGNUP_MIN_SECONDS"]


def caught_in_honeypot() -> bool:
    return bool(request.form.get(HONEYPOT, "").strip())


def rate_limited() -> bool:
    """Counts this post against its address; True once the address has posted too often."""
    throttle: FailureWindow = current_app.extensions["signup_throttle"]
    address = request.remote_addr or ""
    if throttle.blocked(address):
        return True
    throttle.fail(address)
    return False
