"""What a tablet forgets, and when (promise 8; docs/privacy.md).

A tablet holds in clear only what brokers need: participants' names, sectors, needs and offers
(from its mirror of the hub's log) and the walk-ins and deals it wrote itself. Contact details
never reach it in clear. It forgets in two ways, both by rewriting its SQLite files in place
(:mod:`shared.privacy.storage`), so its journal keeps every ``(device, sequence)``:

* an erasure reaches it (``ParticipantErased`` in the hub's log): what its mirror and its own
  journal hold about that participant is rewritten at once;
* the hub tells the tablets to forget a closed evening (``TabletsToldToForget``), or the broker
  runs ``bors kiosk forget``: once the hub holds every event this tablet wrote, every
  participant's profile in its copies is rewritten ("slettet deltaker").

What it has done is noted in ``privacy.json`` (participant ids and a count, nothing personal),
so each is done once.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from shared.core.files import write_private
from shared.privacy.storage import shred_events, shred_everyone

log = logging.getLogger(__name__)

STATE_FILE = "privacy.json"
FILES = ("kiosk.sqlite", "mirror.sqlite")


class NotYetSynced(RuntimeError):
    """The tablet holds events the hub has not acknowledged: forgetting now could lose them."""


def _state(data_dir: Path) -> dict:
    try:
        saved = json.loads((data_dir / STATE_FILE).read_text())
        return {"erased": list(saved["erased"]), "forgotten": int(saved["forgotten"])}
    except (OSError, ValueError, KeyError, TypeError):
        return {"erased": [], "forgotten": 0}


def _save(data_dir: Path, state: dict) -> None:
    write_private(data_dir / STATE_FILE, json.dumps(state))


def shred_files(data_dir: Path, participant_ids=None) -> int:
    """Rewrite this tablet's two stores (``None``: every participant)."""
    changed = 0
    for name in FILES:
        path = data_dir / name
        if participant_ids is None:
            changed += shred_everyone(path)
        else:
            changed += shred_events(path, participant_ids)
    return changed


def honour(kiosk) -> None:
    """After the tablet folded what it holds: apply every erasure and order to forget it has
    not applied yet. Runs on the sync thread (the one writer of the mirror)."""
    state = _state(kiosk.data_dir)
    privacy = kiosk.evening.privacy
    fresh = sorted(set(privacy.erased) - set(state["erased"]))
    if fresh:
        with kiosk.store.write_lock:
            shred_files(kiosk.data_dir, fresh)
        state["erased"] += fresh
        _save(kiosk.data_dir, state)
        log.info("rewrote this tablet's copies for %d erased participant(s)", len(fresh))
    orders = len(privacy.forget_orders)
    if orders > state["forgotten"] and kiosk.pending() == 0:
        forget(kiosk)
        state["forgotten"] = orders
        _save(kiosk.data_dir, state)


def forget(kiosk, force: bool = False) -> int:
    """Forget every participant's profile on this tablet (its files and its read model)."""
    if kiosk.pending() and not force:
        raise NotYetSynced(f"{kiosk.pending()} event(s) not yet at the hub")
    with kiosk.evening.lock.set_aside(), kiosk.store.write_lock:
        changed = shred_files(kiosk.data_dir)
        with kiosk.evening.lock.writing():
            kiosk.evening.participants.forget_profiles()
            kiosk.evening.version += 1
    log.info("this tablet forgot the evening (%d events rewritten)", changed)
    return changed


def forget_offline(data_dir: Path, force: bool = False) -> int:
    """``bors kiosk forget``: on a tablet's data folder while its kiosk is stopped."""
    import sys

    from kiosk.service import Kiosk

    if not (data_dir / "kiosk.sqlite").exists():
        print(f"{data_dir} holds no tablet", file=sys.stderr)
        return 2
    kiosk = Kiosk(data_dir)
    try:
        changed = forget(kiosk, force)
    except NotYetSynced as waiting:
        print(f"{waiting}: let it sync first, or --force", file=sys.stderr)
        return 1
    finally:
        kiosk.close()
    print(f"forgotten: {changed} event(s) rewritten")
    return 0
