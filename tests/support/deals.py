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
