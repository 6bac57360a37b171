"""A deal's versions as the fold keeps them, and the view of a deal everyone reads.

A deal's history is a small tree of revisions: the registration is the root, each correction
names the revision it was made from (its ``base``). One leaf is the normal case. Two leaves mean
two brokers changed the same deal without seeing each other's change: both are kept and the deal
is flagged for the organiser (promise 4) instead of one silently winning.

Compact on purpose: a hub may hold 100,000 deals, so a version keeps only what the fold needs
(the decoded eventsourcing event is about 2 KB), parties are one flat tuple, and what only a
corrected, voided or disputed deal has is kept apart.
"""

from __future__ import annotations

import datetime as dt
import sys

from shared.core.device import device_tag

REGISTERED, CORRECTED, VOIDED, RULING, UNVOIDED = (
    "DealRegistered",
    "DealCorrected",
    "DealVoided",
    "DealConflictResolved",
    "DealVoidUndone",
)
VERSION_EVENTS = (REGISTERED, CORRECTED, VOIDED, RULING, UNVOIDED)


def interned(value):
    return sys.intern(value) if type(value) is str else value


def _compact_parties(parties) -> tuple:
    """``[{"participant_id": a, "gives": x}, ...]`` as ``(a, x, b, y, ...)``: one tuple, not a
    dict per party. Parties of any other shape are kept as copies (a tuple of dicts)."""
    flat: list[str] = []
    for p in parties:
        if (
            type(p) is dict
            and len(p) == 2
            and list(p) == ["participant_id", "gives"]
            and type(p["participant_id"]) is str
            and type(p["gives"]) is str
        ):
            flat += (sys.intern(p["participant_id"]), p["gives"])
        else:
            return tuple(dict(p) if isinstance(p, dict) else p for p in parties)
    return tuple(flat)


def is_flat(parties: tuple) -> bool:
    return bool(parties) and type(parties[0]) is str


def party_dicts(parties: tuple) -> list[dict]:
    if is_flat(parties):
        return [
            {"participant_id": parties[i], "gives": parties[i + 1]}
            for i in range(0, len(parties), 2)
        ]
    return [dict(p) for p in parties]


def party_ids_of(parties: tuple) -> list[str]:
    if is_flat(parties):
        return list(parties[0::2])
    return [p["participant_id"] for p in parties]


class Version:
    """One recorded version of a deal (registration, correction, void or ruling), as the fold
    needs it: the decoded eventsourcing event (≈ 2 KB) is not kept. A registration, the
    common case, has no base, reason or void flag: those live on :class:`Edit`."""

    __slots__ = (
        "broker",
        "category",
        "deadline",
        "kind",
        "name",
        "number",
        "origin",
        "parties",
        "position",
        "seq",
        "timestamp",
    )
    bases: tuple = ()
    voided = False
    reason = ""

    @property
    def ref(self) -> str:
        return f"{self.origin}/{self.seq}"


class Edit(Version):
    """A correction, void or ruling: it names the version(s) it was made from."""

    __slots__ = ("bases", "reason", "voided")


def make_version(ev, name: str, origin: str, position: int) -> Version:
    v = Version() if name == REGISTERED else Edit()
    v.name = name
    v.origin = origin
    v.seq = ev.originator_version
    v.timestamp = ev.timestamp
    v.position = position
    v.number = None
    if name in (VOIDED, UNVOIDED):  # no content of their own: a void, or voids taken back
        v.bases = (ev.base,) if name == VOIDED else tuple(ev.voids)
        v.parties = ()
        v.category = v.kind = v.deadline = v.broker = ""
        v.reason = ev.reason if name == VOIDED else ""
        v.voided = False
        return v
    v.parties = _compact_parties(ev.parties)
    v.category = interned(ev.category)
    v.kind = interned(ev.kind)
    v.deadline = interned(ev.deadline)
    v.broker = interned(ev.broker)
    if name == REGISTERED:
        v.number = ev.number
    elif name == CORRECTED:
        v.bases = (ev.base,)
        v.reason = ""
        v.voided = False
    else:
        v.bases = tuple(ev.supersedes)
        v.voided = ev.voided
        v.reason = ev.reason
    return v


_DEAL_FIELDS = (
    "id",
    "number",
    "origin",
    "parties",
    "category",
    "kind",
    "deadline",
    "broker",
    "registered_at",
    "revision",
    "received",
    "voided",
    "void_reason",
    "corrected",
    "conflict",
    "revisions",
    "heads",
    "open_voids",
    "resolved",
)


class DealView:
    """One deal as everyone sees it. Compact: a hub may hold 100,000 of these, so the content
    is read from the versions it was folded from (shared, never copied), what only a corrected,
    voided or disputed deal has is kept apart, and lists are built when asked for."""

    __slots__ = ("_current", "_more", "_parties", "_root", "id", "received", "voided")
    __hash__ = None  # type: ignore[assignment]

    def __init__(
        self,
        id: str,
        root: Version,
        current: Version,
        parties: tuple,
        received: int,
        voided: bool = False,
        more: tuple | None = None,
    ) -> None:
        self.id = id
        self._root = root
        self._current = current
        self._parties = parties
        self.received = received
        self.voided = voided
        # None, or (void_reason, corrected, conflict, revisions, heads, open_voids, resolved)
        self._more = more

    @property
    def root_version(self) -> Version:
        """The registration this deal was folded from (shared with the fold, never copied)."""
        return self._root

    @property
    def number(self) -> str:
        return f"{device_tag(self._root.origin)}-{self._root.number}"

    @property
    def origin(self) -> str:
        return self._root.origin

    @property
    def registered_at(self) -> dt.datetime:
        return self._root.timestamp

    @property
    def parties(self) -> list[dict]:
        return party_dicts(self._parties)

    @property
    def party_ids(self) -> list[str]:
        return party_ids_of(self._parties)

    @property
    def category(self) -> str:
        return self._current.category

    @property
    def kind(self) -> str:
        return self._current.kind

    @property
    def deadline(self) -> str:
        return self._current.deadline

    @property
    def broker(self) -> str:
        return self._current.broker

    @property
    def revision(self) -> str:
        return self._current.ref

    @property
    def void_reason(self) -> str:
        return "" if self._more is None else self._more[0]

    @property
    def corrected(self) -> bool:
        return False if self._more is None else self._more[1]

    @property
    def conflict(self) -> bool:
        return False if self._more is None else self._more[2]

    @property
    def revisions(self) -> list[str]:
        return [self._current.ref] if self._more is None else list(self._more[3])

    @property
    def heads(self) -> list[str]:
        return [self._current.ref] if self._more is None else list(self._more[4])

    @property
    def open_voids(self) -> list[str]:
        return [] if self._more is None else list(self._more[5])

    @property
    def resolved(self) -> bool:
        return False if self._more is None else self._more[6]

    def _fields(self) -> tuple:
        return tuple(getattr(self, name) for name in _DEAL_FIELDS)

    def __eq__(self, other) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(_DEAL_FIELDS, self._fields(), strict=True))
        return f"DealView({shown})"


def bump(counter: dict, key, by: int) -> None:
    """Counter arithmetic that leaves no zero entries (the figures are shown as they are)."""
    n = counter.get(key, 0) + by
    if n:
        counter[key] = n
    else:
        counter.pop(key, None)


def version_order(v: Version) -> tuple:
    """:func:`shared.core.runner.event_order` for a deal's kept versions."""
    return (v.timestamp, v.origin, v.seq)
