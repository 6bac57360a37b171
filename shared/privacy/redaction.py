"""What an event says about a person, and what it says once that person is erased.

The journal is copied to every tablet and must keep its shape (every ``(device, sequence)``
stays, so sync positions, deal counts and the spare hub's recovery are untouched). Erasure
therefore does not delete events: it rewrites the fields of an event *about* a participant
(one whose state names a ``participant_id``) that say who they are or how to reach them. The
rewritten event still passes every wire check, so a tablet that pulls it later takes it as it
is. One table of fields, used by the projections, the hub's store and the tablets' copies.
"""

from __future__ import annotations

import dataclasses

from shared.core.signing import STORED

ERASED_NAME = "slettet deltaker"

# Every field of an event about a participant that identifies them, with what it becomes.
# Sector and the deal's parties stay: the counts by sector pair stay right after erasure.
PERSONAL_FIELDS: dict[str, object] = {
    "name": ERASED_NAME,
    "orgnr": "",
    "needs": [],
    "offers": [],
    "logo": "",
    "contact_sealed": "",
    "contact_for_hub": "",  # a check-in walk-in's contact details, sealed for the hub
    "note_sealed": "",
    # a withdrawal's or a follow-up answer's words may name the person; a reason some answers
    # require stays there, in words that name no one (the rewritten event passes every check)
    "reason": "(slettet)",
}
# Fields left as they are when empty (an optional reason nobody gave is not made up).
KEEP_EMPTY = frozenset({"reason"})
# What the retention purge forgets: how to reach them, not who they were.
CONTACT_FIELDS = ("contact_sealed", "contact_for_hub", "note_sealed")


def about(state: dict) -> str | None:
    """The participant an event's state is about, if it is about one."""
    pid = state.get("participant_id")
    return pid if isinstance(pid, str) else None


def redact_state(state: dict, fields=tuple(PERSONAL_FIELDS)) -> dict:
    """``state`` with each of ``fields`` it carries replaced by its erased value."""
    clean = _unsigned(state)  # the author's signature no longer fits; the hub vouches instead
    for field in fields:
        if field in clean and not (field in KEEP_EMPTY and not clean[field]):
            blank = PERSONAL_FIELDS[field]
            clean[field] = list(blank) if isinstance(blank, list) else blank
    return clean


def same_fact(incoming: dict, held: dict) -> bool:
    """A resent event is the one held, or the one held before (or after) an erasure rewrote it;
    the signature it travels with is not part of the fact (:mod:`shared.core.signing`)."""
    incoming, held = _unsigned(incoming), _unsigned(held)
    if incoming == held:
        return True
    pid = about(held)
    return (
        pid is not None and about(incoming) == pid and redact_state(incoming) == redact_state(held)
    )


def _unsigned(state: dict) -> dict:
    return {k: v for k, v in state.items() if k != STORED}


def redact_event(event, fields=tuple(PERSONAL_FIELDS)):
    """A domain event (a frozen dataclass) with its personal ``fields`` erased."""
    present = {
        f: PERSONAL_FIELDS[f]
        for f in fields
        if hasattr(event, f) and not (f in KEEP_EMPTY and not getattr(event, f))
    }
    if not present:
        return event
    return dataclasses.replace(event, **{f: _fresh(v) for f, v in present.items()})


def _fresh(value):
    return list(value) if isinstance(value, list) else value


def forgotten_profile() -> dict:
    """A participant's view once erased or forgotten (fresh lists each time)."""
    return {
        "name": ERASED_NAME,
        "orgnr": "",
        "needs": [],
        "offers": [],
        "logo": "",
        "show_public": False,
        "contact_sealed": "",
    }
