"""The organiser's rehearsal: start, end and wipe the practice before the doors open.

The hub folds afresh from its own log when a wipe arrives (``shared.evening.Evening.refold``);
:func:`install` gives the evening that log, and folds afresh at start when a wipe is in it.
"""

from __future__ import annotations

import uuid

from shared.stage.projection import PHASE_BEFORE


def install(hub) -> None:
    store = hub.store

    def held():
        for n in store.read_all(0):
            yield store.mapper.to_domain_event(n), n.id

    with hub.evening.lock.writing():
        hub.evening.source = held
        if hub.evening.rehearsals.wiped:  # the replay at start folded what was wiped later
            hub.evening.refold()


def start(hub) -> str:
    rehearsal = str(uuid.uuid4())
    hub.record(
        lambda journal: journal.start_rehearsal(
            rehearsal, hub.evening.rehearsals, hub.evening.stage.phase != PHASE_BEFORE
        )
    )
    return rehearsal


def end(hub) -> None:
    hub.record(lambda journal: journal.end_rehearsal(hub.evening.rehearsals))


def wipe(hub) -> int:
    """Wipe the practice everywhere; the practice walk-ins' contact keys go from the vault (so
    the details a tablet sealed for the hub can never be read). Returns the facts' deals."""
    state = hub.evening.rehearsals
    target = state.to_wipe()
    hub.record(lambda journal: journal.wipe_rehearsal(hub.evening.rehearsals))
    walk_ins = hub.evening.rehearsals.practice_people(target)
    if walk_ins:
        hub.contacts.erase(*walk_ins)
    return len(hub.evening.rehearsals.practice_deals(target))


def summary(evening) -> dict:
    """What the organiser's page and the kiosks show: is a practice on, what it holds."""
    state = evening.rehearsals
    running = state.running
    target = state.to_wipe()
    return {
        "running": running,
        "to_wipe": target,
        "deals": len(state.practice_deals(target)) if target else 0,
        "walk_ins": len(state.practice_people(target)) if target else 0,
        "wiped": len(state.wiped),
        "hour_opened": evening.stage.phase != PHASE_BEFORE,
    }
