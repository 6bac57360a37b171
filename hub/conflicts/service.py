"""The organiser's rulings on what is flagged: use cases over a :class:`hub.service.Hub`.

What lands on the list (see :mod:`shared.conflicts.projection`): a deal changed on two tablets
that had not seen each other's change, a deal voided on one tablet and corrected on another, the
same pair and category registered by two brokers a few minutes apart, the same walk-in added on
two tablets. Every version stays in the log; a ruling is one more event in the hub's journal,
which the tablets pull like any other, so their copies change with it.
"""

from __future__ import annotations

from hub.service import Hub

DEAL_FIELDS = ("parties", "category", "kind", "deadline", "broker")


class NothingToResolve(LookupError):
    """The conflict named is not open (already settled, or never was)."""


def _open_conflict(hub: Hub, key: str) -> dict:
    for conflict in hub.evening.conflicts.all():
        if conflict["key"] == key:
            return conflict
    raise NothingToResolve(key)


def resolve_deal(
    hub: Hub, deal_id: str, keep: str, fields: dict[str, str] | None = None, void: bool = False
) -> None:
    """Settle a deal's diverged versions: keep version ``keep`` (a ref among the heads), taking
    any field from another version named in ``fields`` (a merge), or void the deal."""
    conflict = _open_conflict(hub, f"deal:{deal_id}")
    deals = hub.evening.deals
    heads = [r for r in conflict["versions"] if deals.version_of(r)["type"] != "DealVoided"]
    choices = {ref: deals.version_of(ref) for ref in heads}
    if keep not in choices:
        raise NothingToResolve(f"{keep} is not one of the versions in conflict")
    version = {name: choices[keep][name] for name in DEAL_FIELDS}
    for name, ref in (fields or {}).items():
        if name in DEAL_FIELDS and ref in choices:
            version[name] = choices[ref][name]
    hub.record("resolve_deal", deal_id, conflict["versions"], version, void, "")


def resolve_duplicates(hub: Hub, deal_ids: list[str], keep: list[str]) -> None:
    """A suspected double registration: keep every deal in ``keep``, void the others."""
    ids = sorted(deal_ids)
    _open_conflict(hub, "double:" + "+".join(ids))
    if not keep or not set(keep) <= set(ids):
        raise NothingToResolve("keep at least one of the deals in question")
    hub.record("resolve_duplicates", ids, keep)


def resolve_walk_ins(hub: Hub, participant_ids: list[str], keep: str) -> None:
    """The same walk-in added on several tablets: merge into ``keep``, or ``""`` to keep apart."""
    ids = sorted(participant_ids)
    _open_conflict(hub, "walkin:" + "+".join(ids))
    if keep and keep not in ids:
        raise NothingToResolve("merge into one of the walk-ins in question")
    hub.record("resolve_walk_ins", ids, keep)
