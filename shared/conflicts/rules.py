"""When deals or walk-ins only look wrong together, and what a ruling may say."""

from __future__ import annotations

import datetime as dt

from shared.core.checks import FieldError, ValidationFailed, clean_text, is_uuid
from shared.deals.rules import MAX_REASON, MAX_REF

DUPLICATE_WINDOW = dt.timedelta(minutes=10)
"""Two registrations of the same pair and category this close (by device time) look like one."""

MAX_NAMED = 50  # deals, participants or versions one ruling may name


def clean_reason(reason: object) -> str:
    return clean_text(reason if isinstance(reason, str) else "")[:MAX_REASON]


def check_refs(field: str, values: object) -> None:
    ok = (
        isinstance(values, list)
        and 1 <= len(values) <= MAX_NAMED
        and all(isinstance(v, str) and len(v) <= MAX_REF for v in values)
    )
    if not ok:
        raise ValidationFailed([FieldError(field, "invalid_refs")])


def check_ids(field: str, values: object, at_least: int = 0) -> None:
    ok = (
        isinstance(values, list)
        and at_least <= len(values) <= MAX_NAMED
        and all(is_uuid(v) for v in values)
    )
    if not ok:
        raise ValidationFailed([FieldError(field, "invalid_ids")])


def check_duplicates_ruling(deal_ids: object, keep: object) -> None:
    check_ids("deal_ids", deal_ids, at_least=2)
    check_ids("keep", keep)
    if not set(keep) <= set(deal_ids):
        raise ValidationFailed([FieldError("keep", "not_among_the_deals")])


def check_walk_ins_ruling(participant_ids: object, keep: object) -> None:
    check_ids("participant_ids", participant_ids, at_least=2)
    if not (keep == "" or keep in participant_ids):
        raise ValidationFailed([FieldError("keep", "not_among_the_participants")])


def clusters_in_window(rows: list[tuple]) -> list[list[tuple]]:
    """Rows ``(device time, id, origin, broker, deal)``, oldest first, grouped into clusters of
    registrations close in time by different tablets or brokers (suspected doubles)."""
    suspects: list[list[tuple]] = []
    for row in rows:
        at, _, origin, broker, _ = row
        for cluster in suspects:
            # Members joined oldest first: when the newest is out of the window, all are.
            if at - cluster[-1][0] > DUPLICATE_WINDOW:
                continue
            if any(
                abs(at - other[0]) <= DUPLICATE_WINDOW
                and (origin != other[2] or broker != other[3])
                for other in cluster
            ):
                cluster.append(row)
                break
        else:
            suspects.append([row])
    return suspects
