"""The tablet's deal list, one row at a time, each rendered once.

A save answers the form and the list (out of band); rendering the list's twenty rows, with a
dozen translated words each, was about half of a save's time on the page (issue 11 benchmark
profile). A row changes only when its deal, its parties' names or the language do, so each is
kept rendered under exactly those: after a save only the new deal's row is rendered.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask import render_template
from markupsafe import Markup

from shared.deals.rules import voids_a_tablet_may_undo
from shared.web import current_language

KEPT = 256  # rows: the page shows twenty; a correction or a rename makes a new one
_rows: OrderedDict[tuple, Markup] = OrderedDict()
_lock = threading.Lock()


def _key(deal, evening) -> tuple:
    participants = evening.participants
    names = tuple(
        p.name if (p := participants.get(pid)) is not None else None for pid in deal.party_ids
    )
    return (
        deal.id,
        deal.revision,
        deal.voided,
        deal.corrected,
        deal.conflict,
        tuple(voids_a_tablet_may_undo(deal.open_voids, evening.devices.role_of)),
        names,
        current_language(),
    )


def deal_row(deal, evening) -> Markup:
    """The ``<li>`` of one deal on the tablet's list, rendered once per state of the deal."""
    key = _key(deal, evening)
    with _lock:
        row = _rows.get(key)
        if row is not None:
            _rows.move_to_end(key)
            return row
    undoable = bool(key[5])  # the voids this tablet may take back
    row = Markup(
        render_template("deals/_deal_row.html", deal=deal, evening=evening, undoable=undoable)
    )
    with _lock:
        _rows[key] = row
        while len(_rows) > KEPT:
            _rows.popitem(last=False)
    return row
