"""What the privacy room's facts may carry."""

from __future__ import annotations

from shared.core.checks import Checks, is_uuid

WHY = ("request", "organiser")  # the participant asked, or the organiser decided
MAX_PURGED = 100_000


def check_erasure(participant_id: object, why: object) -> None:
    c = Checks()
    if not is_uuid(participant_id):
        c.add("participant_id", "invalid_id")
    if why not in WHY:
        c.add("why", "unknown_reason")
    c.done()


def check_purge(participant_ids: object, retention: object) -> None:
    c = Checks()
    if (
        not isinstance(participant_ids, list)
        or len(participant_ids) > MAX_PURGED
        or not all(is_uuid(pid) for pid in participant_ids)
    ):
        c.add("participant_ids", "invalid_id")
    if not isinstance(retention, str) or len(retention) > 10:
        c.add("retention", "invalid_date")
    c.done()


def check_forget(evening: object) -> None:
    c = Checks()
    if not isinstance(evening, str) or len(evening) > 200:
        c.add("evening", "not_text")
    c.done()
