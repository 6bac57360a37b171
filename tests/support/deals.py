"""A valid deal, as a broker would send it: the one payload many tests start from."""

from __future__ import annotations


def deal_payload(a: str, b: str, broker: str = "Kari", **changes) -> dict:
    """A mutual premises deal between participants ``a`` and ``b``; ``changes`` override fields."""
    return {
        "parties": [
            {"participant_id": a, "gives": "Lokale"},
            {"participant_id": b, "gives": "Kurs"},
        ],
        "category": "premises",
        "kind": "mutual",
        "deadline": "2027-03-01",
        "broker": broker,
        **changes,
    }


def register(hub, a: str, b: str, **changes) -> str:
    """The hub registers ``deal_payload(a, b, **changes)`` (as the organiser's own tablet)."""
    return hub.register_deal(deal_payload(a, b, **changes))


def one_of(hub, sector: str, index: int = 0) -> str:
    """The id of a participant of ``sector``: the ``index``-th, in the order of their ids."""
    ids = sorted(p.id for p in hub.evening.participants.values() if p.sector == sector)
    return ids[index]
