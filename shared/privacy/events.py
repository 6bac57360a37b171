"""The privacy room's facts, written by the hub alone."""

from __future__ import annotations

from shared.core.device import ROLE_HUB
from shared.core.journal import JournalEvent
from shared.core.registry import REGISTRY
from shared.privacy import rules

HUB_ONLY = frozenset({ROLE_HUB})


@REGISTRY.event(
    "ParticipantErased",
    writers=HUB_ONLY,
    check=lambda ev: rules.check_erasure(ev.participant_id, ev.why),
)
class ParticipantErased(JournalEvent):
    """A participant erased: their key is gone (contact details and notes unreadable
    everywhere), every node rewrites what it holds about them, and every page shows
    "slettet deltaker" where their name was. Their deals still count."""

    participant_id: str
    why: str


@REGISTRY.event(
    "ContactDetailsPurged",
    writers=HUB_ONLY,
    check=lambda ev: rules.check_purge(ev.participant_ids, ev.retention),
)
class ContactDetailsPurged(JournalEvent):
    """The retention date passed: these participants' keys are gone, and with them their
    contact details and the organiser's notes; names and the catalogue stay."""

    participant_ids: list
    retention: str


@REGISTRY.event(
    "TabletsToldToForget", writers=HUB_ONLY, check=lambda ev: rules.check_forget(ev.evening)
)
class TabletsToldToForget(JournalEvent):
    """The evening is closed: each tablet, once the hub holds all it wrote, rewrites its copies
    so that no participant's name or profile stays on it."""

    evening: str
