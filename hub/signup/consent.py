"""The consent a participant gives at sign-up, in words: who keeps the data, why, until when.

The text is made from the organiser's sign-up settings in the page's language; its exact words
are recorded in the log once (``ConsentTextRecorded``) and every sign-up names them by their
SHA-256, so the register can show, years later, what each participant agreed to.
"""

from __future__ import annotations

import datetime as dt

from shared.i18n import format_date, translate
from shared.participants.rules import consent_digest


def retention_of(settings: dict | None) -> dt.date | None:
    raw = (settings or {}).get("retention") or ""
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


def consent_text(settings: dict, lang: str) -> str:
    purpose = settings.get("purpose") or translate("signup.default_purpose", lang)
    text = translate(
        "signup.consent_text",
        lang,
        organiser=settings.get("organiser", ""),
        purpose=purpose,
        retention=format_date(retention_of(settings), lang, "long"),
    )
    if settings.get("contact"):
        text += " " + translate("signup.consent_contact", lang, contact=settings["contact"])
    return text


def consent_of(settings: dict, lang: str) -> tuple[str, str]:
    """The consent text for these settings and its digest."""
    text = consent_text(settings, lang)
    return text, consent_digest(text)
