"""Which facts are practice, folded from the rehearsal's markers.

A fact is practice when its author wrote it inside one of its own practice windows: between the
hub's ``RehearsalStarted`` and its ``RehearsalEnded`` (or ``RehearsalWiped``), or between a
tablet's ``RehearsalJoined`` and ``RehearsalLeft``. A window is a range of the author's own
sequence numbers, so it means the same on every node, whatever order the journals arrive in and
whatever any clock says (promises 3 and 7). A fact about a practice deal or a practice walk-in
(a correction, a ruling, a check-in, a follow-up) is practice too, wherever it was written.

:class:`shared.evening.Evening` asks :meth:`Rehearsals.practice_of` before it folds an event and
folds a wiped practice's facts into nothing; when a wipe arrives it folds afresh from what it
holds, so every projection is what a fold without the practice would be.
"""

from __future__ import annotations

from shared.checkin.events import CheckInUndone, ParticipantCheckedIn
from shared.core.runner import Projection
from shared.deals.events import DealCorrected, DealRegistered, DealVoided, DealVoidUndone
from shared.participants.events import ParticipantRegistered
from shared.rehearsal import events

MARKERS = frozenset(
    {
        events.RehearsalStarted,
        events.RehearsalEnded,
        events.RehearsalWiped,
        events.RehearsalJoined,
        events.RehearsalLeft,
    }
)

# What a broker practises: deals, walk-ins and the door. The organiser's settings, the plan
# and the gongs written while a practice runs stay real.
PRACTICE_KINDS = frozenset(
    {
        DealRegistered,
        DealCorrected,
        DealVoided,
        DealVoidUndone,
        ParticipantRegistered,
        ParticipantCheckedIn,
        CheckInUndone,
    }
)


class Rehearsals(Projection):
    handles = {  # noqa: RUF012 - read once by the runner
        "RehearsalStarted": "on_started",
        "RehearsalEnded": "on_ended",
        "RehearsalWiped": "on_wiped",
        "RehearsalJoined": "on_joined",
        "RehearsalLeft": "on_left",
    }

    def __init__(self) -> None:
        self.started: dict[str, str] = {}  # rehearsal id -> when (the hub's clock, ISO)
        self.ended: set[str] = set()
        self.wiped: dict[str, str] = {}  # rehearsal id -> when
        self.windows: dict[str, list[list]] = {}  # device -> [rehearsal, after seq, before seq]
        self.deals: dict[str, str] = {}  # practice deal id -> rehearsal id
        self.people: dict[str, str] = {}  # practice walk-in's participant id -> rehearsal id
        self.refold_due = False

    # --- folding the markers ----------------------------------------------------------------

    def on_started(self, ev, origin, position) -> None:
        self.started[ev.rehearsal_id] = ev.timestamp.isoformat()
        self._open(origin, ev)

    def on_ended(self, ev, origin, position) -> None:
        self.ended.add(ev.rehearsal_id)
        self._close(origin, ev)

    def on_wiped(self, ev, origin, position) -> None:
        self.wiped.setdefault(ev.rehearsal_id, ev.timestamp.isoformat())
        self._close(origin, ev)
        self.refold_due = True

    def on_joined(self, ev, origin, position) -> None:
        self._open(origin, ev)

    def on_left(self, ev, origin, position) -> None:
        self._close(origin, ev)

    def _open(self, origin: str, ev) -> None:
        self.windows.setdefault(origin, []).append([ev.rehearsal_id, ev.originator_version, None])

    def _close(self, origin: str, ev) -> None:
        for window in self.windows.get(origin, ()):
            if window[0] == ev.rehearsal_id and window[2] is None:
                window[2] = ev.originator_version

    # --- what the evening asks --------------------------------------------------------------

    def practice_of(self, ev, origin: str) -> str | None:
        """The rehearsal this event belongs to, or None for a fact of the real evening."""
        deal = getattr(ev, "deal_id", None)
        if deal is not None and deal in self.deals:
            return self.deals[deal]
        person = getattr(ev, "participant_id", None)
        if person is not None and person in self.people:
            return self.people[person]
        if type(ev) not in PRACTICE_KINDS:
            return None
        if type(ev) is ParticipantRegistered and not ev.walk_in:
            return None  # the organiser's register is never practice
        seq = ev.originator_version
        for rehearsal, after, before in self.windows.get(origin, ()):
            if after < seq and (before is None or seq < before):
                return rehearsal
        return None

    def note(self, rehearsal: str, ev) -> bool:
        """Remember a practice deal or walk-in (so facts about it follow); True when wiped."""
        if type(ev) is DealRegistered:
            self.deals[ev.deal_id] = rehearsal
        elif type(ev) is ParticipantRegistered:
            self.people[ev.participant_id] = rehearsal
        return rehearsal in self.wiped

    @property
    def running(self) -> str | None:
        """The practice under way (started, neither ended nor wiped), or None."""
        for rehearsal in self.started:
            if rehearsal not in self.ended and rehearsal not in self.wiped:
                return rehearsal
        return None

    def to_wipe(self) -> str | None:
        """The newest practice not wiped yet."""
        left = [r for r in self.started if r not in self.wiped]
        return max(left, key=lambda r: self.started[r]) if left else None

    def joined(self, device: str, rehearsal: str) -> bool:
        return any(w[0] == rehearsal for w in self.windows.get(device, ()))

    def open_window(self, device: str) -> str | None:
        """The practice this device is still in (it has not noted leaving), or None."""
        for rehearsal, _, before in self.windows.get(device, ()):
            if before is None:
                return rehearsal
        return None

    def practice_deals(self, rehearsal: str | None = None) -> list[str]:
        return [d for d, r in self.deals.items() if rehearsal in (None, r)]

    def practice_people(self, rehearsal: str | None = None) -> list[str]:
        return [p for p, r in self.people.items() if rehearsal in (None, r)]
