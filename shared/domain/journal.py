"""The journal: the append-only record of everything one device did.

Each device (every kiosk tablet and the hub laptop) writes exactly one journal, whose id is the
device id. Because a device is the only writer of its own journal, the journal's version is the
device's own sequence number: it orders the device's events even when its clock lies
(promise 7), it never collides with another device's numbers, and ``(device id, version)``
identifies an event wherever it travels (promise 2). Deals, participants and settings are not
aggregates of their own: they are read models folded from every device's journal
(:mod:`shared.evening`), which is what lets two offline tablets both change the same deal without
either write being lost (promise 4).

Each public method checks its input with :mod:`shared.domain.validation` before the private
``@event`` method records the fact, so replaying a journal never re-runs a check.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import os
import uuid
from collections.abc import Callable

from eventsourcing.domain import Aggregate, event

from shared.domain import stage_rules, validation

ROLE_KIOSK = "kiosk"
ROLE_HUB = "hub"
SOFTWARE_VERSION = "0.2"

CLOCK_SKEW_ENV = "BORS_CLOCK_SKEW_SECONDS"


def device_now() -> dt.datetime:
    """This device's idea of now: the time every event it writes carries.

    ``BORS_CLOCK_SKEW_SECONDS`` shifts it, to play a tablet whose clock is wrong (tests and
    trials only): nothing may depend on device times being right (promise 7).
    """
    now = dt.datetime.now(dt.UTC)
    skew = os.environ.get(CLOCK_SKEW_ENV)
    return now + dt.timedelta(seconds=float(skew)) if skew else now


@functools.lru_cache(maxsize=4096)  # called for every deal folded: base32 of a UUID is slow
def device_tag(device_id: uuid.UUID | str) -> str:
    """Three letters naming a device on screen and in deal numbers ("K7Q-12")."""
    raw = uuid.UUID(str(device_id)).bytes
    return base64.b32encode(raw[:5]).decode()[:3]


class Journal(Aggregate):
    class Event(Aggregate.Event):
        @staticmethod
        def create_timestamp() -> dt.datetime:
            return device_now()

    class Opened(Aggregate.Created):
        """A device's journal starts; ``software`` names the app version it runs (since v2).

        Version 1 (before ``software``) still arrives from kiosks not yet updated; eventsourcing
        calls ``upcast_v1_v2`` on the way in, so the rest of the code sees one shape only.
        """

        class_version = 2
        min_reader_version = 1  # v2 only added a field: a v1 node may read it, ignoring that
        device_id: str
        role: str
        name: str
        software: str

        @staticmethod
        def create_timestamp() -> dt.datetime:
            return device_now()

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["software"] = ""

    @staticmethod
    def create_id(device_id: str, role: str, name: str, software: str = "") -> uuid.UUID:
        return uuid.UUID(device_id)

    @event(Opened)
    def __init__(self, device_id: str, role: str, name: str, software: str = SOFTWARE_VERSION):
        self.role = role
        self.name = name
        self.deals_registered = 0

    # --- the evening and its participants (written by the hub) -------------------------------

    def schedule_evening(self, settings: dict) -> None:
        self._evening_scheduled(**validation.validate_event_settings(settings))

    @event("EveningScheduled")
    def _evening_scheduled(
        self, name: str, venue: str, date: str, opens_at: str, closes_at: str, target: int
    ) -> None:
        pass

    def register_participant(
        self, participant_id: str, profile: dict, contact_sealed: str, walk_in: bool = False
    ) -> None:
        """Record a participant's public profile; contact details only as a sealed blob."""
        self._participant_registered(
            participant_id=participant_id,
            name=profile["name"],
            sector=profile["sector"],
            needs=profile.get("needs", []),
            offers=profile.get("offers", []),
            consent_public=profile.get("consent_public", False),
            contact_sealed=contact_sealed,
            walk_in=walk_in,
        )

    @event("ParticipantRegistered")
    def _participant_registered(
        self,
        participant_id: str,
        name: str,
        sector: str,
        needs: list,
        offers: list,
        consent_public: bool,
        contact_sealed: str,
        walk_in: bool,
    ) -> None:
        pass

    # --- deals (written by kiosks; the hub may correct and void too) --------------------------

    def register_deal(
        self, deal: dict, is_known_participant: Callable[[str], bool]
    ) -> tuple[str, int, list[str]]:
        """Register a deal, first adding any walk-in parties as participants.

        Returns the deal id, its short number on this device, and the ids of walk-ins added.
        """
        clean = validation.validate_deal(deal, is_known_participant)
        parties, walk_in_ids = self._settle_walk_ins(clean["parties"])
        deal_id = str(uuid.uuid4())
        number = self.deals_registered + 1
        self._deal_registered(
            deal_id=deal_id,
            number=number,
            parties=parties,
            category=clean["category"],
            kind=clean["kind"],
            deadline=clean["deadline"],
            broker=clean["broker"],
        )
        return deal_id, number, walk_in_ids

    def _settle_walk_ins(self, parties: list[dict]) -> tuple[list[dict], list[str]]:
        settled, added = [], []
        for party in parties:
            walk_in = party.get("walk_in")
            if walk_in:
                participant_id = str(uuid.uuid4())
                self.register_participant(
                    participant_id, {**walk_in, "consent_public": False}, "", walk_in=True
                )
                added.append(participant_id)
                settled.append({"participant_id": participant_id, "gives": party["gives"]})
            else:
                settled.append({"participant_id": party["participant_id"], "gives": party["gives"]})
        return settled, added

    @event("DealRegistered")
    def _deal_registered(
        self,
        deal_id: str,
        number: int,
        parties: list,
        category: str,
        kind: str,
        deadline: str,
        broker: str,
    ) -> None:
        self.deals_registered = number

    def correct_deal(
        self, deal_id: str, base: str, deal: dict, is_known_participant: Callable[[str], bool]
    ) -> list[str]:
        """Record a new version of a deal; ``base`` is the revision the broker was looking at."""
        clean = validation.validate_deal(deal, is_known_participant)
        parties, walk_in_ids = self._settle_walk_ins(clean["parties"])
        self._deal_corrected(
            deal_id=deal_id,
            base=base,
            parties=parties,
            category=clean["category"],
            kind=clean["kind"],
            deadline=clean["deadline"],
            broker=clean["broker"],
        )
        return walk_in_ids

    @event("DealCorrected")
    def _deal_corrected(
        self,
        deal_id: str,
        base: str,
        parties: list,
        category: str,
        kind: str,
        deadline: str,
        broker: str,
    ) -> None:
        pass

    def void_deal(self, deal_id: str, base: str, data: dict) -> None:
        self._deal_voided(deal_id=deal_id, base=base, **validation.validate_void(data))

    @event("DealVoided")
    def _deal_voided(self, deal_id: str, base: str, reason: str) -> None:
        pass

    # --- stage: the hour, the gong, the screen, earlier evenings (written by the hub) ---------
    # Only the hub writes these, so its own sequence orders them; the hub's log position of a
    # HourClosed is what decides whether a deal arrived late (see shared/stage.py).

    def open_hour(self) -> None:
        """The opening gong: the hour of the børs starts now (the hub's clock)."""
        self._hour_opened()

    @event("HourOpened")
    def _hour_opened(self) -> None:
        pass

    def close_hour(self, figures: dict) -> None:
        """The closing gong, with the count at that moment kept as this evening's result."""
        self._hour_closed(**stage_rules.validate_earlier_evening(figures))

    @event("HourClosed")
    def _hour_closed(self, name: str, date: str, deals: int, participants: int) -> None:
        pass

    def move_closing_time(self, closes_at: str) -> None:
        self._closing_time_moved(closes_at=stage_rules.validate_closing_time(closes_at))

    @event("ClosingTimeMoved")
    def _closing_time_moved(self, closes_at: str) -> None:
        pass

    def configure_screen(self, config: dict) -> None:
        self._screen_configured(**stage_rules.validate_screen_config(config))

    @event("ScreenConfigured")
    def _screen_configured(
        self, message: str, show_ticker: bool, language: str, public_url: str
    ) -> None:
        pass

    def record_earlier_evening(self, record_id: str, figures: dict) -> None:
        """Figures of an evening held before this hub was used, typed in by the organiser."""
        clean = stage_rules.validate_earlier_evening(figures)
        self._earlier_evening_recorded(record_id=record_id, **clean)

    @event("EarlierEveningRecorded")
    def _earlier_evening_recorded(
        self, record_id: str, name: str, date: str, deals: int, participants: int
    ) -> None:
        pass

    def remove_earlier_evening(self, record_id: str) -> None:
        self._earlier_evening_removed(record_id=record_id)

    @event("EarlierEveningRemoved")
    def _earlier_evening_removed(self, record_id: str) -> None:
        pass

    # --- conflicts: the organiser's rulings (written by the hub only; issue 4) -----------------
    # A ruling never deletes or rewrites what a tablet recorded: it is one more fact that names
    # the versions it settles, so every node folds it the same way and the history stays whole.

    def resolve_deal(
        self, deal_id: str, supersedes: list[str], version: dict, voided: bool, reason: str = ""
    ) -> None:
        """Settle a deal whose versions diverged: ``version`` (one of them, or a merge) wins,
        or the deal is voided; ``supersedes`` names every head and void being settled."""
        clean = validation.validate_deal(version, lambda _pid: True)
        self._deal_conflict_resolved(
            deal_id=deal_id,
            supersedes=sorted(set(supersedes)),
            parties=clean["parties"],
            category=clean["category"],
            kind=clean["kind"],
            deadline=clean["deadline"],
            broker=clean["broker"],
            voided=bool(voided),
            reason=validation.clean_text(reason)[: validation.MAX_REASON],
        )

    @event("DealConflictResolved")
    def _deal_conflict_resolved(
        self,
        deal_id: str,
        supersedes: list,
        parties: list,
        category: str,
        kind: str,
        deadline: str,
        broker: str,
        voided: bool,
        reason: str,
    ) -> None:
        pass

    def resolve_duplicates(self, deal_ids: list[str], keep: list[str]) -> None:
        """Deals suspected to be one handshake registered twice: keep ``keep``, void the rest."""
        self._duplicate_deals_resolved(deal_ids=sorted(set(deal_ids)), keep=sorted(set(keep)))

    @event("DuplicateDealsResolved")
    def _duplicate_deals_resolved(self, deal_ids: list, keep: list) -> None:
        pass

    def resolve_walk_ins(self, participant_ids: list[str], keep: str) -> None:
        """Walk-ins added on several tablets: merge them into ``keep``, or ``keep=""`` when they
        are different people after all."""
        self._walk_ins_resolved(participant_ids=sorted(set(participant_ids)), keep=keep)

    @event("WalkInsResolved")
    def _walk_ins_resolved(self, participant_ids: list, keep: str) -> None:
        pass


# The wire names of every event a journal can hold; anything else is refused at the door.
EVENT_TYPES: dict[str, type] = {
    "Opened": Journal.Opened,
    "EveningScheduled": Journal.EveningScheduled,
    "ParticipantRegistered": Journal.ParticipantRegistered,
    "DealRegistered": Journal.DealRegistered,
    "DealCorrected": Journal.DealCorrected,
    "DealVoided": Journal.DealVoided,
    # conflicts (issue 4)
    "DealConflictResolved": Journal.DealConflictResolved,
    "DuplicateDealsResolved": Journal.DuplicateDealsResolved,
    "WalkInsResolved": Journal.WalkInsResolved,
    # stage
    "HourOpened": Journal.HourOpened,
    "HourClosed": Journal.HourClosed,
    "ClosingTimeMoved": Journal.ClosingTimeMoved,
    "ScreenConfigured": Journal.ScreenConfigured,
    "EarlierEveningRecorded": Journal.EarlierEveningRecorded,
    "EarlierEveningRemoved": Journal.EarlierEveningRemoved,
}
EVENT_NAMES: dict[type, str] = {cls: name for name, cls in EVENT_TYPES.items()}
