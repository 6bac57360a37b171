"""Telling a participant their personal link: the one place sign-up sends anything.

The confirmation email that carries the link is the outbox's (``hub.mail``, docs/mail.md):
:func:`send_link` hands it over, and the pages show the link themselves as well (the
confirmation page, and the organiser's register for an invitation).
"""

from __future__ import annotations

import logging

from hub.service import Hub

log = logging.getLogger(__name__)

KINDS = ("confirmation", "invitation", "changed", "withdrawn")


def send_link(hub: Hub, participant_id: str, url: str, kind: str, lang: str) -> bool:
    """Queue the email that carries ``url`` to the participant; True when it was queued.

    ``kind`` says which: ``confirmation`` after sign-up, ``invitation`` for an invitee,
    ``changed`` or ``withdrawn`` after they used their link.
    """
    if kind not in KINDS:
        raise ValueError(kind)
    from hub.mail.links import mail_own_link  # the outbox (issue 13), docs/mail.md

    mailed = mail_own_link(participant_id, url, kind, lang)
    if not mailed:
        log.info("the %s link for %s is shown on the page only", kind, participant_id)
    return mailed
