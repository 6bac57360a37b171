"""What a deal may look like: one set of limits, the same on the tablet, the hub and the wire."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from shared.core.checks import Checks, FieldError, ValidationFailed, is_uuid
from shared.core.device import ROLE_HUB
from shared.core.vocabulary import CATEGORIES, DEAL_KINDS, SECTORS
from shared.participants.rules import MAX_NAME

MAX_GIVES = 500
MAX_BROKER = 60
MAX_PARTIES = 6
MAX_REASON = 300
MAX_REF = 80  # "<device id>/<sequence>"
MAX_VOIDS = 20  # the open voids one undo takes back (two or three when tablets raced)
CORRECTED_FIELDS = ("parties", "category", "kind", "deadline", "broker")


def default_deadline(event_date: dt.date | None, today: dt.date) -> dt.date:
    """Three months after the evening: long enough to fulfil a deal, short enough to follow up."""
    start = event_date or today
    month = start.month + 3
    year = start.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def any_participant(_participant_id: str) -> bool:
    """For deals arriving over the wire: the participant may come in a later batch."""
    return True


def _party(c: Checks, raw: Mapping, prefix: str, seen_ids: set, seen_walk_ins: set, known):
    party: dict[str, object] = {
        "gives": c.text(raw, f"{prefix}.gives", MAX_GIVES, required=False, key="gives")
    }
    walk_in = raw.get("walk_in")
    pid = raw.get("participant_id")
    if walk_in is not None and pid not in (None, ""):
        c.add(prefix, "participant_and_walk_in")
    elif walk_in is not None:
        if not isinstance(walk_in, Mapping):
            c.add(f"{prefix}.walk_in", "not_an_object")
            return None
        name = c.text(walk_in, f"{prefix}.walk_in.name", MAX_NAME, key="name")
        sector = c.choice(
            walk_in, f"{prefix}.walk_in.sector", SECTORS, code="unknown_sector", key="sector"
        )
        if name and name.casefold() in seen_walk_ins:
            c.add(f"{prefix}.walk_in.name", "same_party_twice")
        seen_walk_ins.add(name.casefold())
        party["walk_in"] = {"name": name, "sector": sector}
    elif pid in (None, ""):
        c.add(f"{prefix}.participant_id", "required")
    elif not is_uuid(pid) or not known(str(pid)):
        c.add(f"{prefix}.participant_id", "unknown_participant")
    elif pid in seen_ids:
        c.add(f"{prefix}.participant_id", "same_party_twice")
    else:
        seen_ids.add(str(pid))
        party["participant_id"] = str(pid)
    return party


def _parties(c: Checks, data: Mapping, known) -> list[dict[str, object]]:
    parties_raw = data.get("parties")
    if not isinstance(parties_raw, list):
        c.add("parties", "required" if parties_raw is None else "not_a_list")
        return []
    if len(parties_raw) < 2:
        c.add("parties", "too_few_parties")
    elif len(parties_raw) > MAX_PARTIES:
        c.add("parties", "too_many_parties")
        return []
    parties: list[dict[str, object]] = []
    seen_ids: set[str] = set()
    seen_walk_ins: set[str] = set()
    for index, raw in enumerate(parties_raw):
        prefix = f"parties.{index}"
        if not isinstance(raw, Mapping):
            c.add(prefix, "not_an_object")
            continue
        party = _party(c, raw, prefix, seen_ids, seen_walk_ins, known)
        if party is not None:
            parties.append(party)
    return parties


def _gives_required(c: Checks, kind: str, parties: list[dict]) -> None:
    if kind == "mutual" and len(parties) >= 2:
        # In a mutual deal both sides give; a gift or an intent may leave the receiver blank.
        for index, party in enumerate(parties):
            if not party.get("gives"):
                c.add(f"parties.{index}.gives", "required")
    elif kind == "gift" and parties and not parties[0].get("gives"):
        c.add("parties.0.gives", "required")


def _deadline(c: Checks, data: Mapping, not_before, current: Mapping | None) -> str:
    deadline = c.date(data, "deadline")
    if deadline is None:
        return ""
    kept = current is not None and current.get("deadline") == deadline.isoformat()
    if not_before is not None and deadline < not_before and not kept:
        c.add("deadline", "deadline_past")  # a deadline already passed cannot be followed up
    return deadline.isoformat()


def _same_as(clean: dict, current: Mapping) -> bool:
    """A correction that would record the deal as it already is, every field alike."""
    return all(clean[k] == current.get(k) for k in CORRECTED_FIELDS)


def validate_deal(
    data: object,
    is_known_participant: Callable[[str], bool] = any_participant,
    *,
    not_before: dt.date | None = None,
    current: Mapping | None = None,
) -> dict[str, object]:
    """Check a deal as typed on a kiosk or posted to the API.

    ``parties`` is a list of ``{"participant_id", "gives"}`` or, for a walk-in added on the spot,
    ``{"walk_in": {"name", "sector"}, "gives"}``. Returns the normalised deal with walk-ins kept
    as such; the journal mints their ids. A command passes ``not_before`` (today: a new
    deadline may not lie in the past) and, for a correction, ``current`` (the deal as it stands:
    a correction must change something).
    """
    if not isinstance(data, Mapping):
        raise ValidationFailed([FieldError("deal", "not_an_object")])
    c = Checks()
    parties = _parties(c, data, is_known_participant)
    category = c.choice(data, "category", CATEGORIES, code="unknown_category")
    kind = c.choice(data, "kind", DEAL_KINDS, code="unknown_kind")
    deadline = _deadline(c, data, not_before, current)
    _gives_required(c, kind, parties)
    broker = c.text(data, "broker", MAX_BROKER, required=False)
    c.done()
    clean = {
        "parties": parties,
        "category": category,
        "kind": kind,
        "deadline": deadline,
        "broker": broker,
    }
    if current is not None and _same_as(clean, current):
        raise ValidationFailed([FieldError("deal", "unchanged")])
    return clean


def validate_void(data: object) -> dict[str, str]:
    if not isinstance(data, Mapping):
        raise ValidationFailed([FieldError("void", "not_an_object")])
    c = Checks()
    reason = c.text(data, "reason", MAX_REASON, required=False)
    c.done()
    return {"reason": reason}


def check_ref(field: str, value: object) -> None:
    """A version's identity, ``<device id>/<sequence>``, as text of bounded length."""
    if not isinstance(value, str) or len(value) > MAX_REF:
        raise ValidationFailed([FieldError(field, "invalid_ref")])


def check_voids(value: object) -> None:
    """The voids an undo takes back: one or more versions' identities."""
    if not isinstance(value, list) or not 0 < len(value) <= MAX_VOIDS:
        raise ValidationFailed([FieldError("voids", "not_voided")])
    for ref in value:
        check_ref("voids", ref)


def voids_a_tablet_may_undo(open_voids: list[str], role_of) -> list[str]:
    """A tablet takes back the brokers' voids only: one the organiser made on the hub stays
    theirs to undo (``role_of``: a device id's role, as :class:`shared.core.devices.Devices`)."""
    return [ref for ref in open_voids if role_of(ref.rpartition("/")[0]) != ROLE_HUB]


def check_deal_id(value: object) -> None:
    if not is_uuid(value):
        raise ValidationFailed([FieldError("deal_id", "invalid_id")])
