"""A participant's own link by email: what the sign-up room calls when someone has signed up.

The sign-up room hands the link over (``hub.signup.notify.send_link``); this queues the letter
that carries it, once per participant and kind, so reloading the welcome page or a retried
request never sends a second copy. False when it was not queued (no address, or a kind with no
letter yet): the page then shows the link itself, as it always does.
"""

from __future__ import annotations

import logging

from flask import current_app, has_app_context

from hub.mail.outbox import MailRefused

log = logging.getLogger(__name__)

# kind -> the letter that carries the link. "changed" and "withdrawn" have no letter yet: the
# participant's own page says what happened.
LINK_LETTERS = {"confirmation": "confirmation"}


def mail_own_link(participant_id: str, url: str, kind: str, lang: str) -> bool:
    letter = LINK_LETTERS.get(kind)
    if letter is None or not has_app_context() or "mail" not in current_app.extensions:
        return False
    outbox = current_app.extensions["mail"].outbox
    try:
        outbox.queue(
            kind,
            participant_id,
            letter,
            {"signup_link": url},
            once_key=f"{kind}:{participant_id}",
            lang=lang,
        )
    except MailRefused as refused:
        log.info("the %s link for %s is not mailed: %s", kind, participant_id, refused.code)
        return False
    return True
