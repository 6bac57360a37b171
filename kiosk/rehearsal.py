"""The rehearsal on a tablet: it learns from its mirror of the hub's log that a practice runs,
and notes in its own journal when it joined and left it, so that what it wrote in between is
practice on every node (shared/rehearsal/projection.py). A wipe folded from the mirror folds the
tablet's evening afresh from its journal and mirror, without the practice."""

from __future__ import annotations


def install(kiosk) -> None:
    from kiosk.service import _read_all

    def held():
        for n in kiosk.store.read_all(0):
            yield kiosk.store.mapper.to_domain_event(n), 0
        for n in _read_all(kiosk.mirror, 0):
            yield kiosk.mirror.mapper.to_domain_event(n), 0

    with kiosk.evening.lock.writing():
        kiosk.evening.source = held
        if kiosk.evening.rehearsals.wiped:  # folded at start before the source was known
            kiosk.evening.refold()


def follow(kiosk) -> None:
    """After a pull (the sync thread): join a practice that runs, leave one that is over."""
    state = kiosk.evening.rehearsals
    me = str(kiosk.device_id)
    running = state.running
    inside = state.open_window(me)
    if inside is not None and inside != running:
        kiosk.record("leave_rehearsal", inside)
    if running is not None and not state.joined(me, running):
        kiosk.record("join_rehearsal", running)


def shown(kiosk) -> bool:
    """Whether the tablet shows the practice band: this tablet is in a practice."""
    return kiosk.evening.rehearsals.open_window(str(kiosk.device_id)) is not None
