"""The journal every device writes: one eventsourcing aggregate, put together from each room's
commands.

Each public method checks its input with the room's rules before it triggers the event, so an
invariant is checked once, where the fact is recorded, and replaying a journal never re-runs a
check. The events themselves, and who may write which, are in :mod:`shared.core.registry`.
"""

from __future__ import annotations

import uuid

from eventsourcing.domain import Aggregate, event
from eventsourcing.utils import register_topic

from shared.catalogue.commands import CatalogueCommands
from shared.checkin.commands import CheckInCommands
from shared.conflicts.commands import ConflictCommands
from shared.core.device import SOFTWARE_VERSION
from shared.core.journal import Opened
from shared.core.registry import LEGACY_MODULE
from shared.deals.commands import DealCommands
from shared.followup.commands import FollowUpCommands
from shared.participants.commands import ParticipantCommands
from shared.privacy.commands import PrivacyCommands
from shared.rehearsal.commands import RehearsalCommands
from shared.schedule.commands import ScheduleCommands
from shared.stage.commands import StageCommands


class Journal(
    ScheduleCommands,
    ParticipantCommands,
    DealCommands,
    ConflictCommands,
    StageCommands,
    CatalogueCommands,
    CheckInCommands,
    FollowUpCommands,
    PrivacyCommands,
    RehearsalCommands,
    Aggregate,
):
    @staticmethod
    def create_id(device_id: str, role: str, name: str, software: str = "") -> uuid.UUID:
        return uuid.UUID(device_id)

    @event(Opened)
    def __init__(self, device_id: str, role: str, name: str, software: str = SOFTWARE_VERSION):
        self.role = role
        self.name = name
        self.deals_registered = 0


# Logs and snapshots written by release 0.2 name the aggregate by its old place.
register_topic(f"{LEGACY_MODULE}:Journal", Journal)
