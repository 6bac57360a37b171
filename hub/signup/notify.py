"""Telling a participant their personal link: the one place sign-up sends anything.

The confirmation email that carries the link is the outbox's (``hub.mail``, issue "mail"):
until its ``queue(...)`` exists, nothing is sent, and the pages show the link themselves
(the confirmation page, and the organiser's register for an invitation). When the outbox comes,
only :func:`send_link` changes.
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
    log.info("no outbox yet: the %s link for %s is shown on the page", kind, participant_id)
    return False
